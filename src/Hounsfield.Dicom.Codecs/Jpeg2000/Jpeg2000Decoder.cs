using System.Runtime.CompilerServices;
using Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;
using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;
using Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;
using Hounsfield.Dicom.Codecs.Jpeg2000.Wavelet;

namespace Hounsfield.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Decodes a JPEG 2000 code stream into a native frame: code stream parsing, tier-2 per tile, tier-1 for all
/// code-blocks of a tile in parallel, dequantization, inverse wavelet, inverse component transform, DC level
/// shift and clamping. <c>discardLevels</c> &gt; 0 stops the inverse wavelet early (reduced resolution).
/// </summary>
internal sealed class Jpeg2000Decoder
{
    private readonly Jpeg2000Codestream _codestream;
    private readonly int _discard;
    private readonly ImageSize _size;

    /// <summary>Parses <paramref name="encoded"/> and checks it against <paramref name="info"/>.</summary>
    public Jpeg2000Decoder(ReadOnlyMemory<byte> encoded, FrameInfo info, int discardLevels)
    {
        _codestream = Jpeg2000Codestream.Parse(encoded);
        _size = _codestream.Size;
        _discard = discardLevels;
        if (_size.Components.Length != info.SamplesPerPixel)
            throw new DicomCodecException($"the JPEG 2000 code stream has {_size.Components.Length} components; the data set says {info.SamplesPerPixel}");
        if ((long)_size.Xsiz - _size.XOsiz != info.Columns || (long)_size.Ysiz - _size.YOsiz != info.Rows)
            throw new DicomCodecException($"the JPEG 2000 image is {_size.Xsiz - _size.XOsiz}×{_size.Ysiz - _size.YOsiz}; the data set says {info.Columns}×{info.Rows}");
        foreach (var c in _size.Components)
        {
            if (c.XRsiz != 1 || c.YRsiz != 1) throw new DicomCodecException("JPEG 2000 component subsampling is not supported");
            if (c.Precision > info.BitsAllocated || c.Precision > 16)
                throw new DicomCodecException($"JPEG 2000 precision {c.Precision} does not fit {info.BitsAllocated} bits allocated");
        }
        Columns = CeilShift(_size.Xsiz, _discard) - CeilShift(_size.XOsiz, _discard);
        Rows = CeilShift(_size.Ysiz, _discard) - CeilShift(_size.YOsiz, _discard);
    }

    /// <summary>Output columns (reduced when levels are discarded).</summary>
    public int Columns { get; }

    /// <summary>Output rows.</summary>
    public int Rows { get; }

    private static int CeilShift(long v, int s) => (int)((v + (1L << s) - 1) >> s);

    /// <summary>Decodes every tile into <paramref name="destination"/> laid out as <paramref name="info"/> (with <see cref="Rows"/>×<see cref="Columns"/>).</summary>
    public void Decode(FrameInfo info, Span<byte> destination)
    {
        var tiles = _size.TilesWide * _size.TilesHigh;
        for (var t = 0; t < tiles; t++)
        {
            if (!_codestream.Tiles.TryGetValue(t, out var tile))
                throw new DicomCodecException($"JPEG 2000 tile {t} is missing");
            DecodeTile(tile, info, destination);
        }
    }

    private void DecodeTile(TileData tile, FrameInfo info, Span<byte> destination)
    {
        int p = tile.Index % _size.TilesWide, q = tile.Index / _size.TilesWide;
        var tx0 = (int)Math.Max((long)_size.XTOsiz + (long)p * _size.XTsiz, _size.XOsiz);
        var ty0 = (int)Math.Max((long)_size.YTOsiz + (long)q * _size.YTsiz, _size.YOsiz);
        var tx1 = (int)Math.Min((long)_size.XTOsiz + (long)(p + 1) * _size.XTsiz, _size.Xsiz);
        var ty1 = (int)Math.Min((long)_size.YTOsiz + (long)(q + 1) * _size.YTsiz, _size.Ysiz);
        var n = _size.Components.Length;
        var parameters = TileParameters.Resolve(_codestream.Main, tile.Parameters, n);
        var components = new TileComponent[n];
        for (var c = 0; c < n; c++)
        {
            if (parameters.Components[c].Levels < _discard)
                throw new DicomCodecException($"cannot discard {_discard} resolution levels of a component with {parameters.Components[c].Levels}");
            components[c] = new TileComponent(tx0, ty0, tx1, ty1, parameters.Components[c], parameters.Quantization[c], _size.Components[c].Precision, parameters.RegionShift[c]);
        }
        ReadPackets(tile, parameters, components);
        var planes = DecodeBlocks(components);
        if (parameters.CodingStyle.MultipleComponentTransform && n >= 3) InverseComponentTransform(planes, components);
        for (var c = 0; c < n; c++)
            WriteComponent(planes[c], components[c], c, info, destination);
    }

    private static void ReadPackets(TileData tile, TileParameters parameters, TileComponent[] components)
    {
        var body = new byte[tile.Parts.Sum(part => (long)part.Length)];
        var at = 0;
        foreach (var part in tile.Parts)
        {
            part.Span.CopyTo(body.AsSpan(at));
            at += part.Length;
        }
        var packed = tile.HasPackedHeaders ? tile.PackedHeaders.ToArray() : null;
        var layers = parameters.CodingStyle.Layers;
        var precincts = components.Sum(c => c.Resolutions.Sum(r => (long)r.Precincts.Length));
        if (precincts * layers > body.Length + (packed?.Length ?? 0) + 16)
            throw new DicomCodecException("the JPEG 2000 tile has more packets than bytes");
        var order = PacketOrder.Build(components, layers, parameters.CodingStyle.Order, parameters.ProgressionChanges);
        var decoder = new PacketDecoder(body, packed, parameters.CodingStyle.UseEph);
        foreach (var packet in order)
            decoder.Read(packet, components[packet.Component]);
    }

    private TilePlane[] DecodeBlocks(TileComponent[] components)
    {
        var planes = new TilePlane[components.Length];
        var work = new List<(int Component, Subband Band, CodeBlockState Block)>();
        for (var c = 0; c < components.Length; c++)
        {
            var tc = components[c];
            var top = tc.Resolutions[^(1 + _discard)];
            planes[c] = new TilePlane(top.Width, top.Height, tc.Style.Reversible);
            for (var r = 0; r < tc.Resolutions.Length - _discard; r++)
            {
                var res = tc.Resolutions[r];
                foreach (var precinct in res.Precincts)
                    for (var b = 0; b < precinct.Length; b++)
                        foreach (var block in precinct[b].Blocks)
                            if (block.Passes > 0) work.Add((c, res.Bands[b], block));
            }
        }
        ParallelWork.For(work.Count, () => (Coders: new CodeBlockCoders(), Samples: new int[4096]), (i, local) =>
        {
            var (c, band, block) = work[i];
            var style = components[c].Style.Style;
            var input = new CodeBlockInput(block.Data.AsSpan(0, block.Length), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(block.Segments),
                block.Passes, block.ZeroBitPlanes, band.MagnitudeBitPlanes, block.Width, block.Height, band.Orientation, style);
            var samples = local.Samples.AsSpan(0, block.Width * block.Height);
            var decoder = local.Coders.Decoder(style);
            var undecoded = decoder.Decode(input, samples);
            Dequantize(samples, undecoded, block, band, planes[c], components[c].RegionShift, decoder as EbcotDecoder);
        });
        // Components are independent from here until the colour transform.
        ParallelWork.For(components.Length, () => 0, (c, _) =>
        {
            var tc = components[c];
            var plane = planes[c];
            var scratch = tc.Style.Reversible ? null : new float[Math.Max(plane.Width, plane.Height) + (long)plane.Width * plane.Height];
            var iscratch = tc.Style.Reversible ? new int[Reversible53.ScratchSize(plane.Width, plane.Height)] : null;
            for (var r = 1; r < tc.Resolutions.Length - _discard; r++)
            {
                var res = tc.Resolutions[r];
                if (iscratch is not null) Reversible53.InverseLevel(plane.Ints!, plane.Width, res.Width, res.Height, res.X0, res.Y0, iscratch);
                else Irreversible97.InverseLevel(plane.Floats!, plane.Width, res.Width, res.Height, res.X0, res.Y0, scratch!);
            }
        });
        return planes;
    }

    // Non-zero samples are reconstructed at the midpoint of their uncertainty interval (T.800 E.1.1.2, r = ½):
    // 2^(P−1) above |q|, or 2^P for samples EBCOT left one plane coarser.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dequantize(Span<int> samples, int undecoded, CodeBlockState block, Subband band, TilePlane plane, int roiShift, EbcotDecoder? ebcot)
    {
        int w = block.Width, h = block.Height;
        var x0 = band.BufferX + block.X0 - band.X0;
        var y0 = band.BufferY + block.Y0 - band.Y0;
        var coarse = ebcot is { EndedInSignificancePass: true } ? ebcot : null;
        if (roiShift > 0)
        {
            DequantizeRegion(samples, undecoded, block, plane, x0, y0, band.Step, roiShift, coarse);
            return;
        }
        // Without ROI the offset of a non-zero sample only depends on whether it is coarser.
        var half = undecoded > 0 ? 1 << (undecoded - 1) : 0;
        var coarser = 1 << undecoded;
        for (var y = 0; y < h; y++)
        {
            var row = samples.Slice(y * w, w);
            var target = (y0 + y) * plane.Width + x0;
            if (plane.Ints is { } ints)
            {
                var output = ints.AsSpan(target, w);
                if (half == 0 && coarse is null)
                {
                    row.CopyTo(output);
                    continue;
                }
                for (var x = 0; x < row.Length; x++)
                {
                    var v = row[x];
                    var offset = coarse is not null && v != 0 && coarse.IsCoarser(x, y) ? coarser : half;
                    output[x] = v > 0 ? v + offset : v < 0 ? v - offset : 0;
                }
            }
            else
            {
                var output = plane.Floats.AsSpan(target, w);
                float step = band.Step, offset = undecoded > 0 ? half : 0.5f;
                for (var x = 0; x < row.Length; x++)
                {
                    var v = row[x];
                    var o = coarse is not null && v != 0 && coarse.IsCoarser(x, y) ? coarser : offset;
                    output[x] = v > 0 ? (v + o) * step : v < 0 ? (v - o) * step : 0f;
                }
            }
        }
    }

    // The general case with an ROI shift (T.800 H.1): magnitudes at or above 2^s were scaled up by the encoder.
    private static void DequantizeRegion(Span<int> samples, int undecoded, CodeBlockState block, TilePlane plane, int x0, int y0, float step, int roiShift, EbcotDecoder? coarse)
    {
        int w = block.Width, h = block.Height;
        var half = undecoded > 0 ? 1 << (undecoded - 1) : 0;
        var roiLimit = 1 << roiShift;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var v = samples[y * w + x];
                var magnitude = Math.Abs(v);
                var rounding = half;
                var p = undecoded;
                if (magnitude != 0 && coarse is not null && coarse.IsCoarser(x, y))
                {
                    p++;
                    rounding = 1 << undecoded;
                }
                if (magnitude >= roiLimit)
                {
                    magnitude >>= roiShift;
                    rounding = p > roiShift ? 1 << (p - roiShift - 1) : 0;
                }
                var target = (y0 + y) * plane.Width + x0 + x;
                if (plane.Ints is { } ints)
                {
                    ints[target] = magnitude == 0 ? 0 : v < 0 ? -(magnitude + rounding) : magnitude + rounding;
                }
                else
                {
                    var r = magnitude == 0 ? 0f : magnitude + (p > 0 ? rounding : 0.5f);
                    plane.Floats![target] = (v < 0 ? -r : r) * step;
                }
            }
    }

    private static void InverseComponentTransform(TilePlane[] planes, TileComponent[] components)
    {
        if (planes[0].Width != planes[1].Width || planes[0].Width != planes[2].Width || planes[0].Height != planes[1].Height || planes[0].Height != planes[2].Height)
            throw new DicomCodecException("JPEG 2000 component transform over components of different sizes");
        if (components[0].Style.Reversible != components[1].Style.Reversible || components[0].Style.Reversible != components[2].Style.Reversible)
            throw new DicomCodecException("JPEG 2000 component transform over components with different wavelets");
        if (planes[0].Ints is not null) ComponentTransform.InverseRct(planes[0].Ints, planes[1].Ints, planes[2].Ints);
        else ComponentTransform.InverseIct(planes[0].Floats, planes[1].Floats, planes[2].Floats);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteComponent(TilePlane plane, TileComponent tc, int c, FrameInfo info, Span<byte> destination)
    {
        var component = _size.Components[c];
        var precision = component.Precision;
        var shift = component.Signed ? 0 : 1 << (precision - 1);
        int min = component.Signed ? -(1 << (precision - 1)) : 0, max = component.Signed ? (1 << (precision - 1)) - 1 : (1 << precision) - 1;
        var top = tc.Resolutions[^(1 + _discard)];
        var ox = top.X0 - CeilShift(_size.XOsiz, _discard);
        var oy = top.Y0 - CeilShift(_size.YOsiz, _discard);
        var bytes = info.BitsAllocated / 8;
        var samples = info.SamplesPerPixel;
        var planar = info.PlanarConfiguration == 1 && samples > 1;
        var step = (planar ? 1 : samples) * bytes;
        var line = new int[plane.Width];
        for (var y = 0; y < plane.Height; y++)
        {
            var i = y * plane.Width;
            if (plane.Ints is { } ints)
                for (var x = 0; x < line.Length; x++) line[x] = Math.Clamp(ints[i + x] + shift, min, max);
            else
                for (var x = 0; x < line.Length; x++) line[x] = Math.Clamp((int)MathF.Round(Math.Clamp(plane.Floats![i + x], -1e9f, 1e9f)) + shift, min, max);
            long pixel = (long)(oy + y) * Columns + ox;
            var target = destination[(int)(bytes * (planar ? c * (long)Rows * Columns + pixel : pixel * samples + c))..];
            if (bytes == 1)
                for (int x = 0, at = 0; x < line.Length; x++, at += step) target[at] = (byte)line[x];
            else
                for (int x = 0, at = 0; x < line.Length; x++, at += step)
                {
                    target[at] = (byte)line[x];
                    target[at + 1] = (byte)(line[x] >> 8);
                }
        }
    }
}
