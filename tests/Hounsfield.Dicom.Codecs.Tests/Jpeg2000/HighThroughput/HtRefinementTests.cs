using Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;
using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

namespace Hounsfield.Dicom.Codecs.Tests.Jpeg2000.HighThroughput;

/// <summary>
/// HT sets with SigProp and MagRef passes. No available peer writes them (OpenJPH codes cleanup passes only),
/// so a reference writer here codes bit-plane 0 of a block whose cleanup pass stops at bit-plane 1, following
/// T.814's scan: stripes of 4 lines, SigProp in groups of 4 columns (significance bits, then the group's signs)
/// forwards from the segment start, MagRef backwards from its end.
/// </summary>
public class HtRefinementTests
{
    public static TheoryData<int, int, bool> Shapes() => new()
    {
        { 1, 1, false }, { 3, 5, false }, { 4, 4, true }, { 7, 9, false }, { 64, 64, false }, { 64, 64, true },
        { 32, 128, false }, { 16, 5, true }, { 5, 16, false }, { 1, 64, false }, { 64, 1, true }, { 9, 4, false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SigProp_and_MagRef_refine_the_cleanup_pass(int width, int height, bool causal)
    {
        foreach (var density in new[] { 0.1, 0.5, 0.9 })
            foreach (var mb in new[] { 3, 9, 20 })
                foreach (var passes in new[] { 2, 3 })
                {
                    var block = HtBlockCoding.RandomBlock(width, height, mb, density, width * 7 + height + mb);
                    // Plenty of magnitude 1 samples, so SigProp has work.
                    for (var i = 0; i < block.Length; i += 3)
                        if (block[i] != 0) block[i] = block[i] > 0 ? 1 : -1;
                    if (block.All(v => Math.Abs(v) <= 1)) continue; // nothing significant at bit-plane 1, no HT set
                    var (data, segments, expected) = Reference.Encode(block, width, height, mb, passes, causal);
                    var decoded = new int[width * height];
                    var style = CodeBlockStyle.HighThroughput | (causal ? CodeBlockStyle.VerticallyCausal : 0);
                    var p = HtBlockCoding.Decode(data, segments, passes, mb - 2, mb, width, height, decoded, style);
                    Assert.Equal(0, p);
                    Assert.Equal(expected, decoded);
                }
    }

    [Fact]
    public void Placeholder_passes_move_the_cleanup_plane_down()
    {
        // Four passes: one skipped HT set (3 placeholder passes, no bytes) and a cleanup pass one plane lower.
        var block = HtBlockCoding.RandomBlock(8, 8, 10, 0.5, 3);
        var encoded = new HtBlockEncoder().Encode(block, 8, 8, 10, SubbandOrientation.LL);
        var decoded = new int[64];
        var p = HtBlockCoding.Decode(encoded.Data, [new CodeBlockSegment(0, 1), new CodeBlockSegment(0, 2), new CodeBlockSegment(encoded.Data.Length, 1)],
            4, encoded.ZeroBitPlanes - 1, 10, 8, 8, decoded);
        Assert.Equal(0, p);
        Assert.Equal(block, decoded);
        // The same with the placeholder passes in the cleanup pass's segment.
        Array.Clear(decoded);
        p = HtBlockCoding.Decode(encoded.Data, [new CodeBlockSegment(encoded.Data.Length, 4)], 4, encoded.ZeroBitPlanes - 1, 10, 8, 8, decoded);
        Assert.Equal(0, p);
        Assert.Equal(block, decoded);
    }

    /// <summary>A reference SigProp/MagRef writer for a cleanup pass at bit-plane 1.</summary>
    private static class Reference
    {
        public static (byte[] Data, CodeBlockSegment[] Segments, int[] Expected) Encode(int[] block, int width, int height, int mb, int passes, bool causal)
        {
            var coarse = block.Select(v => v >= 0 ? (v >> 1) : -(-v >> 1)).ToArray();
            var cleanup = new HtBlockEncoder().Encode(coarse, width, height, mb - 1, SubbandOrientation.LL);
            // The decoder's view: cleanup magnitudes at plane 1, then what the refinement passes add.
            var state = coarse.Select(v => v * 2).ToArray();
            var magRef = new List<int>();
            if (passes > 2)
                for (var stripe = 0; stripe < height; stripe += 4)
                    for (var x = 0; x < width; x++)
                        for (var y = stripe; y < Math.Min(stripe + 4, height); y++)
                        {
                            var i = y * width + x;
                            if (state[i] == 0) continue;
                            var bit = Math.Abs(block[i]) & 1;
                            magRef.Add(bit);
                            state[i] += state[i] > 0 ? bit : -bit;
                        }
            var sigProp = new List<int>();
            for (var stripe = 0; stripe < height; stripe += 4)
            {
                var end = Math.Min(stripe + 4, height);
                for (var group = 0; group < width; group += 4)
                {
                    var found = new List<int>();
                    for (var x = group; x < Math.Min(group + 4, width); x++)
                        for (var y = stripe; y < end; y++)
                        {
                            var i = y * width + x;
                            if (state[i] != 0 || !Neighbour(state, width, causal ? end : height, x, y)) continue;
                            var significant = Math.Abs(block[i]) == 1 ? 1 : 0;
                            sigProp.Add(significant);
                            if (significant == 0) continue;
                            state[i] = 1;
                            found.Add(i);
                        }
                    foreach (var i in found)
                    {
                        sigProp.Add(block[i] < 0 ? 1 : 0);
                        if (block[i] < 0) state[i] = -1;
                    }
                }
            }
            var forward = Forward(sigProp);
            var backward = passes > 2 ? Backward(magRef) : [];
            var refinement = forward.Concat(backward.AsEnumerable().Reverse()).ToArray();
            var data = cleanup.Data.Concat(refinement).ToArray();
            return (data, [new CodeBlockSegment(cleanup.Data.Length, 1), new CodeBlockSegment(refinement.Length, passes - 1)], state);
        }

        private static bool Neighbour(int[] state, int width, int end, int x, int y)
        {
            for (var ny = Math.Max(y - 1, 0); ny <= Math.Min(y + 1, end - 1); ny++)
                for (var nx = Math.Max(x - 1, 0); nx <= Math.Min(x + 1, width - 1); nx++)
                    if (state[ny * width + nx] != 0) return true;
            return false;
        }

        /// <summary>Bits least significant first; a byte after 0xFF holds 7 bits; zero padding.</summary>
        private static byte[] Forward(List<int> bits)
        {
            var output = new List<byte>();
            int current = 0, used = 0, capacity = 8;
            foreach (var bit in bits)
            {
                current |= bit << used;
                if (++used < capacity) continue;
                output.Add((byte)current);
                capacity = current == 0xFF ? 7 : 8;
                current = 0;
                used = 0;
            }
            if (used > 0) output.Add((byte)current);
            return [.. output];
        }

        /// <summary>Bytes in writing order (stored from the segment end backwards); 7-bit bytes after one above 0x8F when all 7 are 1.</summary>
        private static byte[] Backward(List<int> bits)
        {
            var output = new List<byte>();
            int current = 0, used = 0;
            var afterLarge = true;
            foreach (var bit in bits)
            {
                current |= bit << used;
                used++;
                if (afterLarge && used == 7)
                {
                    if (current != 0x7F)
                    {
                        afterLarge = false;
                        continue;
                    }
                }
                else if (used < 8)
                    continue;
                output.Add((byte)current);
                afterLarge = current > 0x8F;
                current = 0;
                used = 0;
            }
            if (used > 0) output.Add((byte)current);
            return [.. output];
        }
    }
}
