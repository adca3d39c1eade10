namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// A DICOM upper layer protocol data unit (PS3.8 §9.3). Every PDU starts with a 6-byte header:
/// type, a reserved byte and a 4-byte big-endian length of what follows.
/// </summary>
public abstract class Pdu
{
    /// <summary>Size of the PDU header (type, reserved, length).</summary>
    public const int HeaderLength = 6;

    /// <summary>The PDU type.</summary>
    public abstract PduType Type { get; }

    /// <summary>Length of the PDU's variable part (the value of its length field).</summary>
    internal abstract int BodyLength { get; }

    /// <summary>Writes the body (everything after the 6-byte header).</summary>
    internal abstract void WriteBody(ref PduSpanWriter w);
}
