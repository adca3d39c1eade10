using System.Collections.Concurrent;
using Hounsfield.Dicom.Codecs.JpegLs;
using Hounsfield.Dicom.Codecs.Rle;

namespace Hounsfield.Dicom.Codecs;

/// <summary>
/// Finds the codec for a transfer syntax. The built-in codecs are registered on first use;
/// <see cref="Register"/> adds or replaces codecs (the last registration of a syntax wins).
/// </summary>
public static class DicomCodecRegistry
{
    private static readonly ConcurrentDictionary<string, IDicomCodec> Codecs = CreateDefault();

    private static ConcurrentDictionary<string, IDicomCodec> CreateDefault()
    {
        var map = new ConcurrentDictionary<string, IDicomCodec>(StringComparer.Ordinal);
        foreach (var codec in new IDicomCodec[] { new RleCodec(), new JpegLsCodec(), new Jpeg.JpegCodec(), new Jpeg2000.Jpeg2000Codec(), new Jpeg2000.HighThroughput.HtJpeg2000Codec() })
            foreach (var syntax in codec.TransferSyntaxes)
                map[syntax.Uid.Value] = codec;
        return map;
    }

    /// <summary>Registers <paramref name="codec"/> for every syntax in its <see cref="IDicomCodec.TransferSyntaxes"/>.</summary>
    public static void Register(IDicomCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        foreach (var syntax in codec.TransferSyntaxes)
            Codecs[syntax.Uid.Value] = codec;
    }

    /// <summary>The codec for <paramref name="syntax"/>, or false when none is registered.</summary>
    public static bool TryGet(DicomTransferSyntax syntax, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IDicomCodec? codec)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        return Codecs.TryGetValue(syntax.Uid.Value, out codec);
    }

    /// <summary>The codec for <paramref name="syntax"/>.</summary>
    /// <exception cref="DicomCodecException">No codec is registered for the syntax.</exception>
    public static IDicomCodec Get(DicomTransferSyntax syntax) =>
        TryGet(syntax, out var codec) ? codec : throw new DicomCodecException($"no codec for transfer syntax {syntax.Uid.Value}");
}
