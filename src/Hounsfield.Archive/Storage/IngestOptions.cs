namespace Hounsfield.Archive.Storage;

/// <summary>The transfer syntax instances are stored in (<c>ArchiveOptions.Ingest</c>); by default they are stored as received.</summary>
public sealed class IngestOptions
{
    /// <summary>The syntax to store in: a UID, registry keyword (e.g. JPEGLSLossless) or name; null or empty stores as received.</summary>
    public string? TransferSyntax { get; set; }

    /// <summary>
    /// Whether a lossy target may be used (default false: instances that would lose pixel values are
    /// stored as received instead, with a log line). With it, stored instances are marked Lossy Image
    /// Compression 01 and the C-STORE is answered B000H.
    /// </summary>
    public bool AllowLossy { get; set; }

    /// <summary>Target compression ratio for a lossy JPEG 2000 / HTJ2K ingest syntax (0: lossless).</summary>
    public double CompressionRatio { get; set; }

    /// <summary>Quality 1–100 for a JPEG baseline / extended ingest syntax.</summary>
    public int Quality { get; set; } = 90;
}
