using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Dicom.Tests.Malformed;

/// <summary>The outcome of reading damaged bytes: a file, or the DicomFormatException it raised.</summary>
public sealed record ReadOutcome(DicomFile? File, DicomFormatException? Error);

/// <summary>
/// Reads damaged bytes the way an application would (open, then touch every value), bounded in time,
/// and turns anything other than success or <see cref="DicomFormatException"/> into a test failure.
/// </summary>
public static class MalformedHarness
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Small enough that bulk references and lazy fragments are exercised by tiny files.</summary>
    public static readonly DicomReadOptions SmallBulk = new() { BulkDataThreshold = 16 };

    public static ReadOutcome Read(byte[] bytes, bool seekable, DicomReadOptions? options, string describe)
    {
        var task = Task.Run(() => ReadAndTouch(bytes, seekable, options));
        if (!task.Wait(Timeout)) Assert.Fail($"{describe}: reading did not finish within {Timeout.TotalSeconds} s");
        var (file, error) = task.Result;
        switch (error)
        {
            case null:
                return new ReadOutcome(file, null);
            case DicomFormatException dfe:
                Assert.True(dfe.Offset >= 0 && dfe.Message.Contains("offset", StringComparison.Ordinal),
                    $"{describe}: the error does not name an offset: {dfe.Message}");
                Assert.True(dfe.Offset <= bytes.Length + 16 || !seekable, $"{describe}: offset {dfe.Offset} is past the end ({bytes.Length}): {dfe.Message}");
                return new ReadOutcome(null, dfe);
            default:
                Assert.Fail($"{describe}: {error.GetType().Name} instead of DicomFormatException: {error}");
                return null!;
        }
    }

    private static (DicomFile?, Exception?) ReadAndTouch(byte[] bytes, bool seekable, DicomReadOptions? options)
    {
        try
        {
            Stream stream = seekable ? new MemoryStream(bytes, writable: false) : new Support.NonSeekableStream(bytes);
            var file = DicomFile.Read(stream, options);
            Touch(file.FileMetaInformation);
            Touch(file.Dataset);
            DicomDumpWriter.ToString(file);
            return (file, null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }

    /// <summary>Decodes every value the way a viewer would, so lazy values are read too.</summary>
    public static void Touch(DicomDataset ds)
    {
        foreach (var e in ds)
        {
            if (e.Sequence is { } items)
            {
                foreach (var item in items) Touch(item);
                continue;
            }
            if (e.Fragments is { } fragments)
            {
                foreach (var f in fragments) f.GetBytes();
                continue;
            }
            ds.GetBytes(e.Tag);
            ds.GetString(e.Tag);
            ds.GetStrings(e.Tag);
            ds.TryGetValue<double>(e.Tag, out _);
            ds.TryGetValue<string>(e.Tag, 1, out _);
        }
    }
}
