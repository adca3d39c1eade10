using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Transcoding;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Cli.Commands;

/// <summary>
/// What <c>store</c> proposes, and how each file travels on the association: unchanged when the
/// peer accepted its own transfer syntax, re-encoded by the network layer between uncompressed
/// syntaxes, or transcoded with the codecs (compressed to uncompressed and back) when the peer took
/// another syntax for the SOP class. Never converted to a lossy syntax the file was not already in.
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

    /// <summary>The C-STORE request for <paramref name="file"/> on <paramref name="association"/>, transcoded when needed.</summary>
    /// <exception cref="InvalidOperationException">No accepted syntax the file can be converted to (the message says why).</exception>
    /// <exception cref="DicomCodecException">The pixel data could not be decoded or encoded.</exception>
    public static CStoreRequest Prepare(Association association, DicomFile file, bool decompress)
    {
        var own = file.TransferSyntax;
        var accepted = association.PresentationContexts
            .Where(pc => pc.IsAccepted && pc.AbstractSyntax == SopClass(file))
            .Select(pc => pc.AcceptedTransferSyntax!)
            .ToList();
        var needsCodec = own.IsEncapsulated && (decompress || !accepted.Contains(own));
        if (accepted.Count == 0 || !needsCodec && (accepted.Contains(own) || accepted.Any(ts => !ts.IsEncapsulated)))
            return new CStoreRequest(file);
        // Uncompressed first: decoding is exact; then lossless encoders; lossy only when it is the file's own syntax.
        var target = accepted.Where(ts => !ts.IsEncapsulated).Concat(accepted.Where(ts => ts.IsEncapsulated && !ts.IsLossy))
            .FirstOrDefault(ts => (!decompress || !ts.IsEncapsulated) && DicomTranscoder.CanTranscode(own, ts))
            ?? throw new InvalidOperationException($"cannot convert {own.Name} to a syntax the peer accepted ({string.Join(", ", accepted.Select(a => a.Name).Distinct())})");
        return new CStoreRequest(DicomTranscoder.Transcode(file, target));
    }

    private static string? SopClass(DicomFile file) =>
        file.Dataset.GetString(DicomTag.SOPClassUID) ?? file.FileMetaInformation.GetString(DicomTag.MediaStorageSOPClassUID);
}
