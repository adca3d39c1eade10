namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>
/// JPEG (ITU-T T.81 / ISO 10918-1) for the DICOM transfer syntaxes of PS3.5 A.4.1: Baseline
/// (Process 1, …4.50), Extended (Processes 2 and 4, …4.51), Lossless Non-Hierarchical (Process 14,
/// …4.57) and its First-Order Prediction form (…4.70); Spectral Selection / Progressive (…4.55)
/// is decoded only. Huffman coding only, non-hierarchical.
/// </summary>
/// <remarks>
/// Decoding a DCT-coded colour frame: the samples are upsampled to full resolution, so a frame
/// whose data set says YBR_FULL_422 comes out as YBR_FULL, or as RGB when
/// <see cref="JpegCodecOptions.ConvertYbrToRgb"/> is set (the default, like dcmdjpeg); use
/// <see cref="PhotometricAfterDecode"/> to update Photometric Interpretation, as PS3.5 §8.2.1
/// requires. Lossless frames are returned exactly as coded, with no colour conversion. Signed
/// samples are coded as their Bits Stored-bit two's complement pattern and sign-extended to Bits
/// Allocated on decode.
/// </remarks>
public sealed class JpegCodec : IDicomCodec
{
    /// <summary>JPEG Baseline (Process 1).</summary>
    public static readonly DicomTransferSyntax Baseline = DicomTransferSyntax.Get("1.2.840.10008.1.2.4.50");

    /// <summary>JPEG Extended (Process 2 &amp; 4).</summary>
    public static readonly DicomTransferSyntax Extended = DicomTransferSyntax.Get("1.2.840.10008.1.2.4.51");

    /// <summary>JPEG Spectral Selection, Non-Hierarchical (Process 6 &amp; 8), retired; decode only.</summary>
    public static readonly DicomTransferSyntax Progressive = DicomTransferSyntax.Get("1.2.840.10008.1.2.4.55");

    /// <summary>JPEG Lossless, Non-Hierarchical (Process 14).</summary>
    public static readonly DicomTransferSyntax Lossless = DicomTransferSyntax.Get("1.2.840.10008.1.2.4.57");

    /// <summary>JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1).</summary>
    public static readonly DicomTransferSyntax LosslessSV1 = DicomTransferSyntax.Get("1.2.840.10008.1.2.4.70");

    /// <summary>A codec with the given options (or <see cref="JpegCodecOptions.Default"/>).</summary>
    public JpegCodec(JpegCodecOptions? options = null) => Options = options ?? JpegCodecOptions.Default;

    /// <summary>The options this codec was built with.</summary>
    public JpegCodecOptions Options { get; }

    /// <inheritdoc/>
    public IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; } = [Baseline, Extended, Progressive, Lossless, LosslessSV1];

    /// <summary>
    /// Photometric Interpretation of frames this codec decoded from a code stream whose data set
    /// said <paramref name="photometric"/> (PS3.5 §8.2.1): RGB when YBR_FULL/YBR_FULL_422 are
    /// converted, YBR_FULL when YBR_FULL_422 is only upsampled, otherwise unchanged.
    /// </summary>
    public string PhotometricAfterDecode(DicomTransferSyntax syntax, string photometric)
    {
        if (syntax == Lossless || syntax == LosslessSV1) return photometric;
        if (photometric is "YBR_FULL" or "YBR_FULL_422") return Options.ConvertYbrToRgb ? "RGB" : "YBR_FULL";
        return photometric;
    }

    /// <summary>
    /// Photometric Interpretation of the frames this codec encodes from native frames with
    /// <paramref name="photometric"/>: lossy colour becomes YBR_FULL_422 or YBR_FULL (per
    /// <see cref="JpegCodecOptions.Subsampling"/>); lossless keeps the input.
    /// </summary>
    public string PhotometricAfterEncode(DicomTransferSyntax syntax, string photometric)
    {
        if (syntax == Lossless || syntax == LosslessSV1) return photometric;
        if (photometric is "RGB" or "YBR_FULL" or "YBR_FULL_422")
            return Options.Subsampling == JpegSubsampling.Yuv422 ? "YBR_FULL_422" : "YBR_FULL";
        return photometric;
    }

    /// <inheritdoc/>
    public void Decode(DicomTransferSyntax syntax, ReadOnlySpan<byte> encoded, FrameInfo info, Span<byte> destination)
    {
        CheckInfo(info);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian hosts are not supported");
        if (info.NativeFrameLength > int.MaxValue) throw new DicomCodecException("JPEG: the frame is larger than 2 GiB");
        if (destination.Length < info.NativeFrameLength)
            throw new ArgumentException($"the destination holds {destination.Length} bytes, the frame needs {info.NativeFrameLength}", nameof(destination));
        var decoder = new JpegDecoder();
        var planes = new ushort[info.SamplesPerPixel][];
        try
        {
            decoder.Decode(encoded, info);
            Output(decoder, info, destination, planes);
        }
        catch (IndexOutOfRangeException e)
        {
            throw new DicomCodecException("JPEG: the code stream is malformed", e);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new DicomCodecException("JPEG: the code stream is malformed", e);
        }
        finally
        {
            foreach (var c in decoder.Components)
                for (var i = 0; i < planes.Length; i++)
                    if (c is not null && planes[i] is { } p && !ReferenceEquals(p, c.Samples) && c.Index == i) System.Buffers.ArrayPool<ushort>.Shared.Return(p);
            decoder.Release();
        }
    }

    private void Output(JpegDecoder decoder, FrameInfo info, Span<byte> destination, ushort[][] planes)
    {
        var comps = decoder.Components;
        foreach (var c in comps)
            if (!c.Scanned) throw new DicomCodecException("JPEG: a component was never decoded");
        var lossless = decoder.FrameType == 0xC3;
        if (!lossless) decoder.Reconstruct();
        int width = decoder.Width, height = decoder.Height, n = comps.Length;
        var strides = new int[n];
        int hmax = 1, vmax = 1;
        foreach (var c in comps) { hmax = Math.Max(hmax, c.H); vmax = Math.Max(vmax, c.V); }
        var convert = !lossless && n == 3 && Options.ConvertYbrToRgb && info.PhotometricInterpretation is "YBR_FULL" or "YBR_FULL_422";
        var bytes = info.BitsAllocated / 8;
        var signExtend = info.IsSigned && info.BitsStored < info.BitsAllocated;
        var bits = Math.Min(info.BitsStored, decoder.Precision);
        if (convert && bytes == 1 && info.PlanarConfiguration == 0 && comps[0].H == hmax && comps[0].V == vmax &&
            JpegColor.IsH2V1(comps[1], hmax, vmax) && JpegColor.IsH2V1(comps[2], hmax, vmax))
        {
            // 4:2:2 to RGB, the common lossy colour case: chroma is upsampled a row at a time, never as whole planes.
            OutputH2V1Rgb(comps, width, height, destination);
            return;
        }
        for (var i = 0; i < n; i++) (planes[i], strides[i]) = JpegColor.Upsample(comps[i], hmax, vmax, width, height);
        if (bytes == 1 && (n == 1 || info.PlanarConfiguration == 0))
        {
            // Fast path: 8-bit samples, one component or colour-by-pixel.
            for (var y = 0; y < height; y++)
            {
                var d = destination.Slice(y * width * n, width * n);
                if (n == 1) JpegColor.Narrow(planes[0].AsSpan(y * strides[0], width), d);
                else if (convert)
                    JpegColor.YccToRgb8(planes[0].AsSpan(y * strides[0], width), planes[1].AsSpan(y * strides[1], width), planes[2].AsSpan(y * strides[2], width), d);
                else
                    JpegColor.Interleave8(planes[0].AsSpan(y * strides[0], width), planes[1].AsSpan(y * strides[1], width), planes[2].AsSpan(y * strides[2], width), d);
            }
            return;
        }
        var rowBuf = convert ? new ushort[3 * width] : null;
        for (var y = 0; y < height; y++)
        {
            if (convert)
            {
                planes[0].AsSpan(y * strides[0], width).CopyTo(rowBuf.AsSpan(0, width));
                planes[1].AsSpan(y * strides[1], width).CopyTo(rowBuf.AsSpan(width, width));
                planes[2].AsSpan(y * strides[2], width).CopyTo(rowBuf.AsSpan(2 * width, width));
                JpegColor.YccToRgbRow(rowBuf.AsSpan(0, width), rowBuf.AsSpan(width, width), rowBuf.AsSpan(2 * width, width), decoder.Precision);
            }
            for (var ci = 0; ci < n; ci++)
            {
                var src = convert ? rowBuf.AsSpan(ci * width, width) : planes[ci].AsSpan(y * strides[ci], width);
                int start, step;
                if (info.PlanarConfiguration == 1 && n > 1) { start = ci * width * height + y * width; step = 1; }
                else { start = (y * width * n) + ci; step = n; }
                if (bytes == 1)
                {
                    var d = destination;
                    for (var x = 0; x < width; x++) d[start + x * step] = (byte)src[x];
                }
                else
                {
                    var d = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(destination);
                    if (signExtend)
                    {
                        var sh = 32 - bits;
                        for (var x = 0; x < width; x++) d[start + x * step] = (ushort)((src[x] << sh) >> sh);
                    }
                    else if (step == 1) src.CopyTo(d.Slice(start, width));
                    else for (var x = 0; x < width; x++) d[start + x * step] = src[x];
                }
            }
        }
    }

    private static void OutputH2V1Rgb(JpegComponent[] comps, int width, int height, Span<byte> destination)
    {
        var rowLength = Math.Max(2 * comps[1].Width, 2 * comps[2].Width);
        var cb = System.Buffers.ArrayPool<ushort>.Shared.Rent(rowLength);
        var cr = System.Buffers.ArrayPool<ushort>.Shared.Rent(rowLength);
        try
        {
            for (var y = 0; y < height; y++)
            {
                JpegColor.UpsampleRow(comps[1], y, cb);
                JpegColor.UpsampleRow(comps[2], y, cr);
                JpegColor.YccToRgb8(comps[0].Samples.AsSpan(y * comps[0].Stride, width), cb.AsSpan(0, width), cr.AsSpan(0, width),
                    destination.Slice(y * width * 3, width * 3));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<ushort>.Shared.Return(cb);
            System.Buffers.ArrayPool<ushort>.Shared.Return(cr);
        }
    }

    /// <inheritdoc/>
    public byte[] Encode(DicomTransferSyntax syntax, ReadOnlySpan<byte> native, FrameInfo info, DicomCodecParameters? parameters = null)
    {
        CheckInfo(info);
        if (native.Length < info.NativeFrameLength)
            throw new ArgumentException($"the native frame has {native.Length} bytes, it needs {info.NativeFrameLength}", nameof(native));
        if (info.Rows > 65535 || info.Columns > 65535) throw new DicomCodecException("JPEG: frames are limited to 65535 rows and columns");
        if (syntax == Lossless || syntax == LosslessSV1)
        {
            var predictor = syntax == LosslessSV1 ? 1 : Options.LosslessPredictor;
            if (predictor is < 1 or > 7) throw new ArgumentException("the lossless predictor must be 1–7");
            var pt = syntax == LosslessSV1 ? 0 : Options.PointTransform;
            return JpegLosslessEncoder.Encode(native, info, predictor, pt, Options.RestartInterval);
        }
        if (syntax == Baseline || syntax == Extended)
        {
            var precision = info.BitsStored <= 8 ? 8 : 12;
            if (syntax == Baseline && precision != 8) throw new DicomCodecException("JPEG: Baseline holds 8-bit samples only; use Extended for up to 12 bits");
            if (info.BitsStored > 12) throw new DicomCodecException("JPEG: DCT processes hold at most 12 bits per sample");
            return JpegDctEncoder.Encode(native, info, precision, parameters?.Quality ?? 90, Options, syntax == Extended);
        }
        throw new DicomCodecException($"JPEG: cannot encode {syntax}");
    }

    private static void CheckInfo(FrameInfo info)
    {
        if (info.BitsAllocated is not (8 or 16)) throw new DicomCodecException($"JPEG: Bits Allocated {info.BitsAllocated} is not supported");
        if (info.BitsStored < 2 || info.BitsStored > info.BitsAllocated) throw new DicomCodecException($"JPEG: Bits Stored {info.BitsStored} is not supported");
        if (info.SamplesPerPixel is not (1 or 3)) throw new DicomCodecException($"JPEG: {info.SamplesPerPixel} samples per pixel are not supported");
        if (info.Rows <= 0 || info.Columns <= 0) throw new DicomCodecException("JPEG: the frame has no rows or columns");
    }
}
