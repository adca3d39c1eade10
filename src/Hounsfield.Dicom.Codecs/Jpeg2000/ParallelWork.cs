namespace Hounsfield.Dicom.Codecs.Jpeg2000;

/// <summary>Parallel loops over code-blocks whose codec errors surface as the <see cref="DicomCodecException"/> itself, not wrapped.</summary>
internal static class ParallelWork
{
    /// <summary>Runs <paramref name="body"/> for 0..count−1 with one <typeparamref name="TLocal"/> per worker.</summary>
    public static void For<TLocal>(int count, Func<TLocal> create, Action<int, TLocal> body)
    {
        try
        {
            Parallel.For(0, count, create, (i, _, local) =>
            {
                body(i, local);
                return local;
            }, _ => { });
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.OfType<DicomCodecException>().FirstOrDefault() is { } codec)
        {
            throw codec;
        }
    }
}
