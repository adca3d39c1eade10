using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Transcoding;
using Hounsfield.Dicom.Network;

namespace Hounsfield.Cli.Commands;

/// <summary>
/// What <c>store</c> proposes so that every file can travel: its own syntax, then uncompressed and
/// lossless compressed fallbacks. The network layer sends a file unchanged when its own syntax was
/// accepted, and otherwise converts it through <see cref="DicomTranscoder.Default"/> (never to a
/// lossy syntax).
/// </summary>
internal static class StoreConversion
{
    /// <summary>Lossless syntaxes our codecs write: offered after the uncompressed ones so a peer that refuses those can still be served.</summary>
    private static readonly DicomTransferSyntax[] LosslessTargets =
        [.. new[] { "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.5" }.Select(DicomTransferSyntax.Get)
            .Where(ts => DicomCodecRegistry.TryGet(ts, out _))];

    /// <summary>
    /// One context per SOP class and file syntax plus a fallback per SOP class (uncompressed, then
    /// lossless compressed); with <paramref name="decompress"/> one context per SOP class with the
    /// uncompressed syntaxes only.
    /// </summary>
    public static DicomClientOptions Propose(DicomClientOptions options, IReadOnlyCollection<DicomFile> files, bool decompress)
    {
        if (decompress)
        {
            foreach (var sopClass in files.Select(SopClass).OfType<string>().Distinct()) options.Propose(sopClass);
            return options;
        }
        options.ProposeFor(files);
        var fallback = DicomClientOptions.DefaultTransferSyntaxes.Concat(LosslessTargets.Select(t => t.Uid.Value)).ToList();
        for (var i = 0; i < options.PresentationContexts.Count; i++)
            if (options.PresentationContexts[i].TransferSyntaxes.SequenceEqual(DicomClientOptions.DefaultTransferSyntaxes))
                options.PresentationContexts[i] = options.PresentationContexts[i] with { TransferSyntaxes = fallback };
        return options;
    }

    private static string? SopClass(DicomFile file) =>
        file.Dataset.GetString(DicomTag.SOPClassUID) ?? file.FileMetaInformation.GetString(DicomTag.MediaStorageSOPClassUID);
}
