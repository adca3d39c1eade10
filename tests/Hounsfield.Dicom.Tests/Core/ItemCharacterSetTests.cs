using System.Text;

namespace Hounsfield.Dicom.Tests.Core;

public class ItemCharacterSetTests
{
    [Fact]
    public void An_item_decodes_with_the_character_set_of_the_data_set_it_is_added_to()
    {
        var item = new DicomDataset();
        item.SetBytes(DicomTag.CodeMeaning, DicomVR.LO, Encoding.UTF8.GetBytes("Kopf \u00e9"));
        Assert.NotEqual("Kopf \u00e9", item.GetString(DicomTag.CodeMeaning)); // default repertoire, before it has a parent
        var ds = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 192");
        ds.SetSequence(DicomTag.ConceptNameCodeSequence, item);
        Assert.Equal("Kopf \u00e9", item.GetString(DicomTag.CodeMeaning));
    }
}
