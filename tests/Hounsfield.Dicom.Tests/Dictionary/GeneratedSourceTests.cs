using Hounsfield.Dicom.Tests.Support;
using Hounsfield.DictionaryGenerator;

namespace Hounsfield.Dicom.Tests.Dictionary;

public class GeneratedSourceTests
{
    [Fact]
    public void Regenerating_the_dictionary_changes_nothing()
    {
        var generated = DictionaryGenerator.DictionaryGenerator.Generate(
            Path.Combine(RepositoryPaths.Shared, "dicom-standard"),
            Path.Combine(RepositoryPaths.Root, "tools", "Hounsfield.DictionaryGenerator", "command-elements.tsv"));

        Assert.Equal(3, generated.Count);
        foreach (var (name, text) in generated)
        {
            var committed = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Hounsfield.Dicom", "Dictionary", "Generated", name));
            Assert.True(committed == text, $"{name} differs from the generator's output: run `dotnet run --project tools/Hounsfield.DictionaryGenerator`");
        }
    }

    [Fact]
    public void Every_row_of_the_standard_tables_is_in_the_dictionary()
    {
        var rows = File.ReadLines(Path.Combine(RepositoryPaths.Shared, "dicom-standard", "data-elements.tsv")).Skip(1).Count(l => l.Length > 0);
        var commandRows = File.ReadLines(Path.Combine(RepositoryPaths.Root, "tools", "Hounsfield.DictionaryGenerator", "command-elements.tsv")).Skip(1).Count(l => l.Length > 0);
        Assert.Equal(rows + commandRows, DicomDictionary.Entries.Count);
        var uids = File.ReadLines(Path.Combine(RepositoryPaths.Shared, "dicom-standard", "uids.tsv")).Skip(1).Count(l => l.Length > 0);
        Assert.Equal(uids, DicomUid.All.Count);
    }
}
