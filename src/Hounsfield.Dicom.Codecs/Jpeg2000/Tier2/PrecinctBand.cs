namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;

/// <summary>The code-blocks of one subband inside one precinct, with their inclusion and zero bit-plane tag trees (B.10.2).</summary>
internal sealed class PrecinctBand
{
    /// <summary>Code-blocks across.</summary>
    public int BlocksWide { get; }

    /// <summary>Code-blocks down.</summary>
    public int BlocksHigh { get; }

    /// <summary>The code-blocks, row-major.</summary>
    public CodeBlockState[] Blocks { get; }

    /// <summary>The inclusion tag tree.</summary>
    public TagTree Inclusion { get; }

    /// <summary>The zero bit-plane tag tree.</summary>
    public TagTree ZeroBitPlanes { get; }

    /// <summary>The code-blocks of band area [bx0,bx1)×[by0,by1) that fall in precinct area [px0,px1)×[py0,py1), blocks of 2^xcb×2^ycb.</summary>
    public PrecinctBand(int bx0, int by0, int bx1, int by1, int px0, int py0, int px1, int py1, int xcb, int ycb)
    {
        int x0 = Math.Max(bx0, px0), y0 = Math.Max(by0, py0), x1 = Math.Min(bx1, px1), y1 = Math.Min(by1, py1);
        if (x1 <= x0 || y1 <= y0)
        {
            Blocks = [];
            Inclusion = ZeroBitPlanes = new TagTree(1, 1);
            return;
        }
        int cx0 = x0 >> xcb, cy0 = y0 >> ycb, cx1 = (x1 + (1 << xcb) - 1) >> xcb, cy1 = (y1 + (1 << ycb) - 1) >> ycb;
        BlocksWide = cx1 - cx0;
        BlocksHigh = cy1 - cy0;
        Blocks = new CodeBlockState[BlocksWide * BlocksHigh];
        for (var j = 0; j < BlocksHigh; j++)
            for (var i = 0; i < BlocksWide; i++)
            {
                int gx = (cx0 + i) << xcb, gy = (cy0 + j) << ycb;
                Blocks[j * BlocksWide + i] = new CodeBlockState(
                    Math.Max(gx, x0), Math.Max(gy, y0), Math.Min(gx + (1 << xcb), x1), Math.Min(gy + (1 << ycb), y1));
            }
        Inclusion = new TagTree(BlocksWide, BlocksHigh);
        ZeroBitPlanes = new TagTree(BlocksWide, BlocksHigh);
    }
}
