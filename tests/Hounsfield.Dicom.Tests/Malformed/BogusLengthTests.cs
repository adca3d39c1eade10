using Hounsfield.Dicom.Tests.Support;

namespace Hounsfield.Dicom.Tests.Malformed;

/// <summary>
/// Lengths that promise more than the input holds must be refused without allocating what they promise,
/// whether or not the stream can tell its length.
/// </summary>
public class BogusLengthTests
{
    private const long AllocationBudget = 4 * 1024 * 1024;

    public static TheoryData<string, uint, bool> Cases()
    {
        var data = new TheoryData<string, uint, bool>();
        foreach (var where in new[] { "OB value", "UT value", "implicit value", "short VR value", "sequence", "item in defined sequence", "item in undefined sequence", "offset table", "fragment", "UN sequence item" })
            foreach (var length in new uint[] { 0xFFFFFFF0, 0x7FFFFFF0, 50_000_000, 5000 })
                foreach (var seekable in new[] { true, false })
                    if (where != "short VR value" || length == 5000)
                        data.Add(where, length, seekable);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_length_past_the_end_is_a_format_error_without_a_large_allocation(string where, uint length, bool seekable)
    {
        var bytes = Build(where, length);
        // Warm up the code paths so the measurement sees only what this input costs.
        try { DicomFile.Read(new MemoryStream(Build(where, 4))); } catch (DicomFormatException) { }
        try { DicomFile.Read(new NonSeekableStream(Build(where, 4))); } catch (DicomFormatException) { }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DicomFormatException>(() =>
        {
            var file = DicomFile.Read(seekable ? new MemoryStream(bytes) : new NonSeekableStream(bytes));
            MalformedHarness.Touch(file.Dataset);
        });
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < AllocationBudget, $"{where} with length {length:X8}: {allocated} bytes allocated");
        Assert.True(error.Offset > 132, error.Message);
        Assert.Contains("offset", error.Message);
    }

    private static byte[] Build(string where, uint length)
    {
        var ts = where is "offset table" or "fragment" ? DicomUid.JPEGBaseline8Bit.Value
            : where == "implicit value" ? DicomUid.ImplicitVRLittleEndian.Value : DicomUid.ExplicitVRLittleEndian.Value;
        var raw = new RawDicom().Preamble().Meta(ts).Explicit(0x00080060, "CS", RawDicom.Text("CT"));
        if (where == "implicit value")
        {
            raw = new RawDicom().Preamble().Meta(ts).Implicit(0x00080060, RawDicom.Text("CT"));
            raw.ImplicitHeader(0x00100010, length).Append(new byte[100]);
            return raw.ToArray();
        }
        switch (where)
        {
            case "OB value":
                raw.ExplicitHeader(0x00091010, "OB", length).Append(new byte[100]);
                break;
            case "UT value":
                raw.ExplicitHeader(0x00104000, "UT", length).Append(new byte[100]);
                break;
            case "short VR value":
                raw.ExplicitHeader(0x00100010, "PN", 0xFFFE).Append(new byte[100]);
                break;
            case "sequence":
                raw.ExplicitHeader(0x00081140, "SQ", length).Item(8).Explicit(0x00080100, "SH", RawDicom.Text("AB"));
                break;
            case "item in defined sequence":
                raw.ExplicitHeader(0x00081140, "SQ", 18).Item(length).Explicit(0x00080100, "SH", RawDicom.Text("AB"));
                break;
            case "item in undefined sequence":
                raw.ExplicitHeader(0x00081140, "SQ", 0xFFFFFFFF).Item(length).Explicit(0x00080100, "SH", RawDicom.Text("AB")).SequenceEnd();
                break;
            case "UN sequence item":
                raw.ExplicitHeader(0x00091010, "UN", 0xFFFFFFFF).Item(length).Implicit(0x00080100, RawDicom.Text("AB")).SequenceEnd();
                break;
            case "offset table":
                raw.ExplicitHeader(0x7FE00010, "OB", 0xFFFFFFFF).Item(length).Append(new byte[8]).SequenceEnd();
                break;
            case "fragment":
                raw.ExplicitHeader(0x7FE00010, "OB", 0xFFFFFFFF).Item(0).Item(length).Append(new byte[64]).SequenceEnd();
                break;
        }
        return raw.ToArray();
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Sequences_nested_beyond_the_limit_are_refused(bool undefinedLengths, bool seekable)
    {
        const int depth = 80;
        var ds = SampleData.Nested(depth);
        var bytes = SampleData.FileBytes(ds, DicomTransferSyntax.ExplicitVRLittleEndian, new DicomWriteOptions { ExplicitLengthSequences = !undefinedLengths });
        Stream Open() => seekable ? new MemoryStream(bytes) : new NonSeekableStream(bytes);

        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Read(Open()));
        Assert.Contains("deeper than 64", error.Message);
        Assert.Equal(DicomTag.ContentSequence, error.Tag);

        var deepEnough = DicomFile.Read(Open(), new DicomReadOptions { MaxSequenceDepth = depth });
        Assert.NotNull(deepEnough.Dataset.GetSequence(DicomTag.ContentSequence));
        Assert.Throws<DicomFormatException>(() => DicomFile.Read(Open(), new DicomReadOptions { MaxSequenceDepth = depth - 1 }));
    }
}
