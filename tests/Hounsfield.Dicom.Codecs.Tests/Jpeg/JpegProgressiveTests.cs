using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Jpeg;

namespace Hounsfield.Dicom.Codecs.Tests.Jpeg;

/// <summary>
/// Progressive (SOF2) streams written by DCMTK 3.6.7 `dcmcjpeg +ep` from small synthetic images
/// (20×24 grey; 16×21 RGB → YCbCr 4:2:2), kept here so that the progressive decoder is exercised
/// without DCMTK: it must decode them, and survive truncation and bit flips with only
/// DicomCodecException. Exactness against dcmdjpeg is checked in the interop tests.
/// </summary>
public class JpegProgressiveTests
{
    private static readonly byte[] Grey = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQ" +
        "ERMUFRUVDA8XGBYUGBIUFRT/wgALCAAUABgBAREA/8QAGQAAAgMBAAAAAAAAAAAAAAAABQYBAgcD/9oACAEBAAAAAQqVQc39" +
        "c+0SP//EAB0QAAICAgMBAAAAAAAAAAAAAAIEAwUBFAASEyP/2gAIAQEAAQUCSaEYbWLZOrj1CaeJeWqDZxax4VC3DqzQY8uX" +
        "X0g//8QAIBAAAgEDBAMAAAAAAAAAAAAAAREAAiExEiJBUUKh8P/aAAgBAQAGPwJaoVSz3xN1O2mZQPE03cBwoLm+b/dwLybl" +
        "+Q/c/8QAHxAAAgICAwADAAAAAAAAAAAAAREAITHwQVFhkaHx/9oACAEBAAE/IVDbFfG/qOvGNA9DMEDS7hBlENH3qHaIFeLN" +
        "fXFQTQCbhIXxAWBk2WIBRuwfIzSLaR7Sf//aAAgBAQAAABDff//EABwQAQEBAAMBAQEAAAAAAAAAAAERIQAxUUFh4f/aAAgB" +
        "AQABPxAY6htqORS1EC3hTMMioZm+DN1J3xqWIOOsSAYmsTNO/ioJ4r2ZoRcSemzeIjPDRokC56QdPselN4QWYhg4Fq0keuDI" +
        "usmfhDG1fYftzvXun6J8P4cSYzaFar6SY3rn///Z");

    private static readonly byte[] Colour = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQ" +
        "ERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU" +
        "FBQUFBQUFBQUFBQUFBT/wgARCAAQABUDASEAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABgAH/8QAFwEAAwEAAAAAAAAA" +
        "AAAAAAAABAUGA//aAAwDAQACEAMQAAABRZ+Lsin0+ddBszkkof/EABgQAAMBAQAAAAAAAAAAAAAAAAIDBAET/9oACAEBAAEF" +
        "Am1CSaZ+joTxKl1kTJ5cauouDf/EABwRAAICAgMAAAAAAAAAAAAAAAABAgQDFBITUf/aAAgBAwEBPwHFNKtwZrSfpOTVjrRr" +
        "o//EABsRAAIDAAMAAAAAAAAAAAAAAAIDAAEEERIT/9oACAECAQE/AUB102yMaBFdxoUOb0gPIh5n/8QAGRAAAwEBAQAAAAAA" +
        "AAAAAAAAAAERIRJx/9oACAEBAAY/AuTNJi9ZCsah/8QAGxAAAgMBAQEAAAAAAAAAAAAAAREAITFhQZH/2gAIAQEAAT8hvhv4" +
        "YVzAS8uHT27pDu3QfdcQ4ECwDK5HvPJ//9oADAMBAAIAAwAAABCwoP/EAB4RAAIBBAMBAAAAAAAAAAAAAAERACExgfBRscHh" +
        "/9oACAEDAQE/ELjqcq2r2Eolhj6IJk3bmUQ3hHuf/8QAHhEBAAEEAgMAAAAAAAAAAAAAAQARMUFxUfCh0eH/2gAIAQIBAT8Q" +
        "dxoXyZ+eOIpL6PUNi2qd7eDAVHc//8QAHRABAQEAAwADAQAAAAAAAAAAAREhADFBUWGRgf/aAAgBAQABPxAVtrCK52353r+c" +
        "nAzbsWjb11574147UngPb4fOHxhdVYRU+5v5tOHAho0WNK1v7rlvG1aqVBwQ7c/Of///2Q==");

    private static readonly FrameInfo GreyInfo = new(20, 24, 1, 8, 8, false, 0, "MONOCHROME2");
    private static readonly FrameInfo ColourInfo = new(16, 21, 3, 8, 8, false, 0, "YBR_FULL_422");

    [Fact]
    public void DcmtkProgressiveStreamsDecode()
    {
        var grey = new byte[GreyInfo.NativeFrameLength];
        new JpegCodec().Decode(JpegCodec.Progressive, Grey, GreyInfo, grey);
        Assert.Contains(grey, v => v > 150);
        Assert.Contains(grey, v => v < 100);
        var colour = new byte[ColourInfo.NativeFrameLength];
        new JpegCodec().Decode(JpegCodec.Progressive, Colour, ColourInfo, colour);
        Assert.Contains(colour, v => v > 150);
    }

    [Fact]
    public void TruncatedAndFlippedProgressiveStreamsThrowOnlyCodecExceptions()
    {
        foreach (var (stream, info) in new[] { (Grey, GreyInfo), (Colour, ColourInfo) })
        {
            for (var len = 0; len < stream.Length - 2; len++)
            {
                var e = Record.Exception(() => new JpegCodec().Decode(JpegCodec.Progressive, stream.AsSpan(0, len).ToArray(), info, new byte[info.NativeFrameLength]));
                Assert.True(e is DicomCodecException, $"length {len}: {e?.ToString() ?? "no exception"}");
            }
            var rng = new Random(99);
            for (var i = 0; i < 3000; i++)
            {
                var copy = (byte[])stream.Clone();
                for (var f = 1 + rng.Next(3); f > 0; f--) copy[rng.Next(copy.Length)] ^= (byte)(1 << rng.Next(8));
                var e = Record.Exception(() => new JpegCodec().Decode(JpegCodec.Progressive, copy, info, new byte[info.NativeFrameLength]));
                Assert.True(e is null or DicomCodecException, $"flip {i}: {e}");
            }
        }
    }
}
