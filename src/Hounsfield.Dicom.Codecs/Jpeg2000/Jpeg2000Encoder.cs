using System.Numerics;
using System.Runtime.CompilerServices;
using Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;
using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;
using Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;
using Hounsfield.Dicom.Codecs.Jpeg2000.Wavelet;

namespace Hounsfield.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Encodes a native frame as a JPEG 2000 code stream: DC level shift, RCT/ICT, forward wavelet,
/// quantization, block coding in parallel, rate control over pass truncation points (9/7, in
/// <see cref="Jpeg2000EncoderOptions.Layers"/> quality layers) and LRCP packets.
/// </summary>
internal sealed class Jpeg2000Encoder(FrameInfo info, Jpeg2000EncoderOptions options)
{
    // The irreversible path's finest step, in sample units: 1/256 of an 8-bit range (as is usual for
    // 8-bit images; bit-planes below it cost time and rate control drops them at any useful ratio),
    // and 0.5 for deeper samples, whose PSNR at a given ratio would otherwise fall below OpenJPEG's.
    private double BaseStep => _precision <= 8 ? 1.0 : 0.5;
    private readonly int _precision = info.BitsStored;

    // Layers are only useful (and only written) when rate control truncates.
    private int Layers => options.Reversible || options.CompressionRatio <= 0 ? 1 : Math.Max(1, options.Layers);

    /// <summary>The code stream of <paramref name="native"/>.</summary>
    public byte[] Encode(ReadOnlySpan<byte> native)
    {
        int width = info.Columns, height = info.Rows, n = info.SamplesPerPixel;
        var samples = ReadSamples(native);
        int tw = options.TileWidth > 0 ? options.TileWidth : width, th = options.TileHeight > 0 ? options.TileHeight : height;
        var style = options.BlockCoder().Style;
        var tilesWide = (width + tw - 1) / tw;
        var tilesHigh = (height + th - 1) / th;
        var budget = options.Reversible || options.CompressionRatio <= 0 ? long.MaxValue
            : (long)(info.NativeFrameLength / options.CompressionRatio);
        var tiles = new List<(byte[] Packets, byte[] Quantization, List<int> PacketLengths, List<int> PacketResolutions)>();
        for (var t = 0; t < tilesWide * tilesHigh; t++)
        {
            int x0 = t % tilesWide * tw, y0 = t / tilesWide * th;
            var x1 = Math.Min(x0 + tw, width);
            var y1 = Math.Min(y0 + th, height);
            var share = budget == long.MaxValue ? long.MaxValue
                : Math.Max(64, budget * (x1 - x0) * (y1 - y0) / ((long)width * height) - 64 - 20);
            tiles.Add(EncodeTile(samples, x0, y0, x1, y1, style, share));
        }
        var writer = new CodestreamWriter();
        writer.Marker(Jpeg2000Marker.SOC);
        var siz = CodestreamWriter.ImageSize(width, height, tw, th, n, _precision, info.IsSigned);
        // Rsiz bit 14: a CAP marker segment follows (T.800 A.5.1 as amended by T.814).
        if (options.Capabilities is not null) siz[0] |= 0x40;
        writer.Segment(Jpeg2000Marker.SIZ, siz);
        if (options.Capabilities is { } cap) writer.Segment(Jpeg2000Marker.CAP, cap);
        writer.Segment(Jpeg2000Marker.COD, CodestreamWriter.CodingStyle(options.Progression, Layers, options.ComponentTransform && n >= 3, options.Levels, style, options.Reversible));
        // The main header carries the first tile's step sizes; other tiles repeat QCD only when theirs differ.
        var main = tiles[0].Quantization;
        writer.Segment(Jpeg2000Marker.QCD, main);
        var parts = new List<(int Tile, int Index, byte[]? Quantization, List<byte[]> Plts, ReadOnlyMemory<byte> Packets, uint Length)>();
        for (var t = 0; t < tiles.Count; t++)
        {
            var (packets, quantization, lengths, resolutions) = tiles[t];
            var own = quantization.AsSpan().SequenceEqual(main) ? null : quantization;
            var groups = TilePartGroups(lengths, resolutions, packets.Length);
            var offset = 0;
            for (var g = 0; g < groups.Count; g++)
            {
                var (first, count, bytes) = groups[g];
                var plts = options.PacketLengthMarkers ? CodestreamWriter.PacketLengths(lengths.GetRange(first, count)) : [];
                var qcd = g == 0 ? own : null;
                var length = (uint)(12 + (qcd is null ? 0 : 4 + qcd.Length) + plts.Sum(b => 4 + b.Length) + 2 + bytes);
                parts.Add((t, g, qcd, plts, packets.AsMemory(offset, bytes), length));
                offset += bytes;
            }
        }
        if (options.TileLengthMarkers) writer.Segment(Jpeg2000Marker.TLM, CodestreamWriter.TileLengths(parts.Select(p => (p.Tile, p.Length)).ToArray()));
        var partsPerTile = new int[tiles.Count];
        foreach (var part in parts) partsPerTile[part.Tile]++;
        foreach (var part in parts)
        {
            writer.Segment(Jpeg2000Marker.SOT, CodestreamWriter.StartOfTile(part.Tile, part.Length, part.Index, partsPerTile[part.Tile]));
            if (part.Quantization is { } qcd) writer.Segment(Jpeg2000Marker.QCD, qcd);
            foreach (var plt in part.Plts) writer.Segment(Jpeg2000Marker.PLT, plt);
            writer.Marker(Jpeg2000Marker.SOD);
            writer.Bytes(part.Packets.Span);
        }
        writer.Marker(Jpeg2000Marker.EOC);
        return writer.ToArray();
    }

    // One tile-part for the whole tile, or (TilePartPerResolution) one per run of packets of the same resolution:
    // (first packet, packet count, bytes).
    private List<(int First, int Count, int Bytes)> TilePartGroups(List<int> lengths, List<int> resolutions, int total)
    {
        if (!options.TilePartPerResolution || lengths.Count == 0) return [(0, lengths.Count, total)];
        var groups = new List<(int First, int Count, int Bytes)>();
        var first = 0;
        var bytes = 0;
        for (var i = 0; i < lengths.Count; i++)
        {
            if (i > first && resolutions[i] != resolutions[i - 1])
            {
                groups.Add((first, i - first, bytes));
                first = i;
                bytes = 0;
            }
            bytes += lengths[i];
        }
        groups.Add((first, lengths.Count - first, bytes));
        if (groups.Count > 255) throw new DicomCodecException("more than 255 tile-parts in a tile");
        return groups;
    }

    // Samples per component, DC level shifted to signed (T.800 G.1.2), masked to Bits Stored.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int[][] ReadSamples(ReadOnlySpan<byte> native)
    {
        int n = info.SamplesPerPixel, count = info.Rows * info.Columns, bytes = info.BitsAllocated / 8;
        var planar = info.PlanarConfiguration == 1 && n > 1;
        var result = new int[n][];
        var mask = (1 << _precision) - 1;
        var signShift = 32 - _precision;
        var offset = info.IsSigned ? 0 : 1 << (_precision - 1);
        for (var c = 0; c < n; c++)
        {
            var plane = result[c] = new int[count];
            for (var i = 0; i < count; i++)
            {
                var index = planar ? c * count + i : i * n + c;
                var v = bytes == 1 ? native[index] : native[2 * index] | (native[2 * index + 1] << 8);
                v &= mask;
                plane[i] = info.IsSigned ? (v << signShift) >> signShift : v - offset;
            }
        }
        return result;
    }

    private (byte[] Packets, byte[] Quantization, List<int> PacketLengths, List<int> PacketResolutions) EncodeTile(int[][] samples, int x0, int y0, int x1, int y1, CodeBlockStyle style, long budget)
    {
        int w = x1 - x0, h = y1 - y0, n = samples.Length;
        var ints = options.Reversible ? new int[n][] : null;
        var floats = options.Reversible ? null : new float[n][];
        for (var c = 0; c < n; c++)
        {
            var plane = new int[w * h];
            for (var y = 0; y < h; y++) samples[c].AsSpan((y0 + y) * info.Columns + x0, w).CopyTo(plane.AsSpan(y * w));
            if (ints is not null) ints[c] = plane;
            else floats![c] = Array.ConvertAll(plane, v => (float)v);
        }
        var mct = options.ComponentTransform && n >= 3;
        if (mct && ints is not null) ComponentTransform.ForwardRct(ints[0], ints[1], ints[2]);
        if (mct && floats is not null) ComponentTransform.ForwardIct(floats[0], floats[1], floats[2]);
        var provisional = Provisional();
        var structure = new TileComponent(x0, y0, x1, y1, Style(style), provisional, _precision, 0);
        Parallel.For(0, n, c =>
        {
            var scratch = new int[Reversible53.ScratchSize(w, h)];
            var fscratch = new float[Reversible53.ScratchSize(w, h)];
            for (var r = options.Levels; r >= 1; r--)
            {
                var res = structure.Resolutions[r];
                if (ints is not null) Reversible53.ForwardLevel(ints[c], w, res.Width, res.Height, res.X0, res.Y0, scratch);
                else Irreversible97.ForwardLevel(floats![c], w, res.Width, res.Height, res.X0, res.Y0, fscratch);
            }
        });
        var quantization = ChooseQuantization(structure, ints, floats, w);
        var components = new TileComponent[n];
        for (var c = 0; c < n; c++) components[c] = new TileComponent(x0, y0, x1, y1, Style(style), quantization, _precision, 0);
        CodeBlocks(components, ints, floats, w);
        var order = PacketOrder.Build(components, 1, options.Progression, null);
        var layered = !options.Reversible && budget != long.MaxValue;
        var layerOrder = layered ? PacketOrder.Build(components, Layers, options.Progression, null) : order;
        var packets = layered
            ? RateControl.AllocateLayers(components, order, layerOrder, style, budget, SynthesisWeights.Irreversible(options.Levels), Layers)
            : RateControl.Allocate(components, order, style, budget, null);
        var lengths = new List<int>();
        // Packet lengths of the final truncation: writing the packets again gives the same bytes.
        if (options.PacketLengthMarkers || options.TilePartPerResolution) PacketEncoder.Encode(components, layerOrder, Layers, style, lengths);
        return (packets, CodestreamWriter.Quantization(quantization.GuardBits, options.Reversible, quantization.Exponents, quantization.Mantissas),
            lengths, layerOrder.ConvertAll(packet => packet.Resolution));
    }

    private ComponentCodingStyle Style(CodeBlockStyle style) =>
        new(options.Levels, 6, 6, style, options.Reversible, Enumerable.Repeat(15, options.Levels + 1).ToArray(), Enumerable.Repeat(15, options.Levels + 1).ToArray());

    private static int Gain(int band) => band == 0 ? 0 : (band - 1) % 3 == 2 ? 2 : 1;

    private QuantizationStyle Provisional()
    {
        var bands = 3 * options.Levels + 1;
        var e = new int[bands];
        for (var b = 0; b < bands; b++) e[b] = _precision + Gain(b);
        return new QuantizationStyle(2, false, options.Reversible, e, new int[bands]);
    }

    // Reversible: ε_b large enough for the largest coefficient. Irreversible: Δ_b = BaseStep / weight_b,
    // expressed as (ε_b, μ_b); guard bits grow when a band still needs more magnitude bit-planes.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private QuantizationStyle ChooseQuantization(TileComponent structure, int[][]? ints, float[][]? floats, int stride)
    {
        var bands = 3 * options.Levels + 1;
        var exponents = new int[bands];
        var mantissas = new int[bands];
        var guard = 2;
        var weights = options.Reversible ? null : SynthesisWeights.Irreversible(options.Levels);
        foreach (var res in structure.Resolutions)
            foreach (var band in res.Bands)
            {
                var b = band.Index;
                var rb = _precision + Gain(b);
                double step = 1;
                if (weights is not null)
                {
                    var target = BaseStep * options.QuantizationScale / weights[b];
                    var exponent = Math.Clamp(rb - (int)Math.Floor(Math.Log2(target)), 0, 31);
                    var mantissa = (int)Math.Round((target / Math.Pow(2, rb - exponent) - 1) * 2048);
                    if (mantissa >= 2048) { mantissa = 0; exponent = Math.Max(0, exponent - 1); }
                    (exponents[b], mantissas[b]) = (exponent, Math.Clamp(mantissa, 0, 2047));
                    step = Math.Pow(2, rb - exponents[b]) * (1 + mantissas[b] / 2048.0);
                }
                // The OR of the magnitudes has as many bits as the largest.
                var all = 0;
                for (var c = 0; c < (ints?.Length ?? floats!.Length); c++)
                    for (var y = 0; y < band.Height; y++)
                        for (var x = 0; x < band.Width; x++)
                        {
                            var i = (band.BufferY + y) * stride + band.BufferX + x;
                            all |= ints is not null ? Math.Abs(ints[c][i]) : (int)Math.Min(int.MaxValue, Math.Abs(floats![c][i]) / step);
                        }
                var needed = 32 - BitOperations.LeadingZeroCount((uint)all);
                if (weights is null) exponents[b] = Math.Max(rb, needed - guard + 1);
                else guard = Math.Max(guard, needed - exponents[b] + 1);
            }
        if (guard > 7) throw new DicomCodecException("the JPEG 2000 encoder cannot fit the coefficients in 7 guard bits");
        return new QuantizationStyle(guard, false, options.Reversible, exponents, mantissas);
    }

    private void CodeBlocks(TileComponent[] components, int[][]? ints, float[][]? floats, int stride)
    {
        var work = new List<(int C, Subband Band, CodeBlockState Block)>();
        for (var c = 0; c < components.Length; c++)
            foreach (var res in components[c].Resolutions)
                foreach (var precinct in res.Precincts)
                    for (var b = 0; b < precinct.Length; b++)
                        foreach (var block in precinct[b].Blocks) work.Add((c, res.Bands[b], block));
        ParallelWork.For(work.Count, () => (Coder: options.BlockCoder(), Samples: new int[4096]), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (k, local) =>
        {
            var (c, band, block) = work[k];
            var samples = local.Samples.AsSpan(0, block.Width * block.Height);
            var inverse = 1 / band.Step;
            for (var y = 0; y < block.Height; y++)
            {
                var from = (band.BufferY + block.Y0 - band.Y0 + y) * stride + band.BufferX + block.X0 - band.X0;
                var row = samples.Slice(y * block.Width, block.Width);
                if (ints is not null)
                {
                    ints[c].AsSpan(from, row.Length).CopyTo(row);
                    continue;
                }
                var source = floats![c].AsSpan(from, row.Length);
                for (var x = 0; x < row.Length; x++)
                {
                    var q = (int)(Math.Abs(source[x]) * inverse);
                    row[x] = source[x] < 0 ? -q : q;
                }
            }
            block.Encoded = local.Coder.Encode(samples, block.Width, block.Height, band.MagnitudeBitPlanes, band.Orientation);
        });
    }
}
