namespace Hounsfield.Archive.Hl7;

/// <summary>The Minimal Lower Layer Protocol framing (HL7 v2 Transport Specification: MLLP release 2): <c>0x0B message 0x1C 0x0D</c>.</summary>
public static class Mllp
{
    /// <summary>Start block (VT).</summary>
    public const byte StartBlock = 0x0B;

    /// <summary>End block (FS).</summary>
    public const byte EndBlock = 0x1C;

    /// <summary>Carriage return that follows the end block.</summary>
    public const byte CarriageReturn = 0x0D;

    /// <summary><paramref name="payload"/> between the start and end blocks.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        var frame = new byte[payload.Length + 3];
        frame[0] = StartBlock;
        payload.CopyTo(frame.AsSpan(1));
        frame[^2] = EndBlock;
        frame[^1] = CarriageReturn;
        return frame;
    }
}
