using System.IO.Compression;

namespace Hounsfield.Dicom.IO;

/// <summary>
/// Reads a Part 10 file (PS3.10 §7): preamble and "DICM" prefix, File Meta Information, then the
/// data set in its transfer syntax. Also reads files without preamble or meta information, and
/// bare data sets, detecting their encoding from the first element.
/// </summary>
internal static class DicomFileReader
{
    private static ReadOnlySpan<byte> Dicm => "DICM"u8;

    public static DicomFile Read(Stream stream, DicomReadOptions options, DicomBulkDataSource? bulkSource)
    {
        using var input = new DicomInput(stream);
        var start = input.Position;
        try
        {
            var reader = new DicomDatasetReader(input, options, bulkSource);
            var hasPreamble = SkipPreamble(input, reader);
            var metaStart = input.Position;
            var meta = StartsWithGroup2(input)
                ? reader.ReadGroup(DetectSyntax(input, Syntax.ExplicitLittle, reader, "file meta information"), 0x0002)
                : new DicomDataset();
            CheckMetaGroupLength(meta, input.Position - metaStart, reader);
            if (!hasPreamble && meta.Count == 0) reader.Note("the file has neither preamble nor file meta information; read as a bare data set");
            if (hasPreamble && meta.Count == 0) reader.Note("the DICM prefix is not followed by file meta information");
            var declared = DeclaredSyntax(meta);
            if (declared is null && meta.Count > 0) reader.Note("the file meta information has no Transfer Syntax UID");
            if (declared is { IsDeflated: true })
            {
                using var inflated = new DeflateStream(input.DetachRemainder(), CompressionMode.Decompress);
                using var inflatedInput = new DicomInput(inflated);
                var deflatedReader = new DicomDatasetReader(inflatedInput, options, null, reader.Warnings);
                var inflatedDataset = deflatedReader.ReadDataset(Syntax.ExplicitLittle);
                return new DicomFile(meta, inflatedDataset, declared, deflatedReader.Warnings ?? (IReadOnlyList<string>)[]);
            }
            var expected = declared is null ? Syntax.ImplicitLittle : Syntax.Of(declared);
            var syntax = DetectSyntax(input, expected, reader, "data set");
            var transferSyntax = declared is not null && Syntax.Of(declared) == syntax ? declared : TransferSyntaxOf(syntax);
            var datasetOffset = input.Position;
            var dataset = reader.ReadDataset(syntax);
            // Empty input, a lone preamble or a run of zeros holds nothing: it is not a DICOM file.
            if (meta.Count == 0 && dataset.Count == 0)
                throw new DicomFormatException("no data elements found: the input is empty or not DICOM", input.Position - start);
            return new DicomFile(meta, dataset, transferSyntax, reader.Warnings ?? (IReadOnlyList<string>)[]) { DatasetOffset = datasetOffset };
        }
        catch (EndOfStreamException e)
        {
            throw new DicomFormatException("the stream ended unexpectedly", input.Position, inner: e);
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException($"the deflated data set is corrupt: {e.Message}", input.Position - start, inner: e);
        }
    }

    // (0002,0000) is required (PS3.10 §7.1) but only informative to a reader that stops at the first
    // element outside group 0002, as this one does: a missing or wrong value is worth a warning, no more.
    private static void CheckMetaGroupLength(DicomDataset meta, long metaBytes, DicomDatasetReader reader)
    {
        if (meta.Count == 0) return;
        if (!meta.TryGetValue<uint>(DicomTag.FileMetaInformationGroupLength, out var declared))
        {
            reader.Note("the file meta information has no group length (0002,0000)");
            return;
        }
        var actual = metaBytes - 12;
        if (declared != actual)
            reader.Note($"the file meta information group length (0002,0000) says {declared} bytes but the group holds {actual}; ignored");
    }

    // The common syntaxes matched on the value's bytes, sparing the string and the cache lookup.
    private static readonly (byte[] Uid, DicomTransferSyntax Syntax)[] Common =
        [.. DicomTransferSyntax.Uncompressed.Select(ts => (System.Text.Encoding.ASCII.GetBytes(ts.Uid.Value), ts))];

    private static DicomTransferSyntax? DeclaredSyntax(DicomDataset meta)
    {
        var index = meta.IndexOf(DicomTag.TransferSyntaxUID.Value);
        if (index < 0) return null;
        var value = meta.EntryAt(index).InlineSpan.TrimEnd("\0 "u8);
        foreach (var (uid, syntax) in Common)
            if (value.SequenceEqual(uid)) return syntax;
        return meta.GetString(DicomTag.TransferSyntaxUID) is { Length: > 0 } text ? DicomTransferSyntax.Get(text) : null;
    }

    private static bool SkipPreamble(DicomInput input, DicomDatasetReader reader)
    {
        if (input.TryEnsure(132) && input.Peek(132)[128..].SequenceEqual(Dicm))
        {
            input.Advance(132);
            return true;
        }
        if (input.TryEnsure(4) && input.Peek(4).SequenceEqual(Dicm))
        {
            reader.Note("the file has a DICM prefix but no preamble");
            input.Advance(4);
            return true;
        }
        return false;
    }

    private static bool StartsWithGroup2(DicomInput input) =>
        input.TryEnsure(4) && (input.Peek(2)[0] == 0x02 && input.Peek(2)[1] == 0x00 || input.Peek(2)[0] == 0x00 && input.Peek(2)[1] == 0x02);

    /// <summary>
    /// Checks the first element against the expected encoding and corrects it when the bytes
    /// plainly say otherwise (explicit files labelled implicit, and the reverse; big endian).
    /// </summary>
    private static Syntax DetectSyntax(DicomInput input, Syntax expected, DicomDatasetReader reader, string what)
    {
        if (!input.TryEnsure(8)) return expected;
        var b = input.Peek(8);
        var looksExplicit = DicomVRExtensions.FromBytes(b[4], b[5]) != DicomVR.None;
        var actual = Syntax.ImplicitLittle;
        if (looksExplicit)
        {
            // Byte order: keep the declared one unless only the other makes the VR agree with the
            // dictionary. Without a declaration, a zero first byte hints at a big-endian group.
            var preferred = expected.Explicit ? expected : b[0] == 0 && b[1] != 0 ? Syntax.ExplicitBig : Syntax.ExplicitLittle;
            var other = preferred.BigEndian ? Syntax.ExplicitLittle : Syntax.ExplicitBig;
            actual = VRMatchesDictionary(b, preferred) || !VRMatchesDictionary(b, other) ? preferred : other;
        }
        if (actual == expected) return expected;
        // An implicit length whose low bytes happen to spell a VR is possible but rare; only
        // override the declared syntax when the VR also agrees with the dictionary.
        if (looksExplicit && !expected.Explicit && !VRMatchesDictionary(b, actual)) return expected;
        reader.Note($"the {what} is encoded as {Describe(actual)} but declared {Describe(expected)}; read as {Describe(actual)}");
        return actual;
    }

    private static bool VRMatchesDictionary(ReadOnlySpan<byte> header, Syntax syntax)
    {
        var tag = new DicomTag(DicomDatasetReader.ReadTag(header, syntax));
        var vr = DicomVRExtensions.FromBytes(header[4], header[5]);
        var entry = DicomDictionary.Lookup(tag);
        return entry is null ? tag.IsPrivate || tag.IsGroupLength : entry.ValueRepresentations.Contains(vr) || vr == DicomVR.UN;
    }

    private static string Describe(Syntax s) =>
        s.BigEndian ? "explicit VR big endian" : s.Explicit ? "explicit VR little endian" : "implicit VR little endian";

    private static DicomTransferSyntax TransferSyntaxOf(Syntax s) =>
        s.BigEndian ? DicomTransferSyntax.ExplicitVRBigEndian
        : s.Explicit ? DicomTransferSyntax.ExplicitVRLittleEndian
        : DicomTransferSyntax.ImplicitVRLittleEndian;
}
