namespace Hounsfield.Dicom.Codecs.Jpeg2000;

/// <summary>
/// A tile-component's samples while decoding: int for the 5/3 path, float for the 9/7 path, in the
/// Mallat layout of the highest resolution kept (row stride = <see cref="Width"/>).
/// </summary>
internal sealed class TilePlane(int width, int height, bool reversible)
{
    /// <summary>Columns.</summary>
    public int Width { get; } = width;

    /// <summary>Rows.</summary>
    public int Height { get; } = height;

    /// <summary>The samples of the reversible path, or null.</summary>
    public int[]? Ints { get; } = reversible ? new int[(long)width * height] : null;

    /// <summary>The samples of the irreversible path, or null.</summary>
    public float[]? Floats { get; } = reversible ? null : new float[(long)width * height];
}
