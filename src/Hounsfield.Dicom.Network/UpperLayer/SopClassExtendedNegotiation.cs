namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// SOP Class Extended Negotiation sub-item (0x56, PS3.7 D.3.3.5): service-class specific
/// application information for one SOP class (for example the storage level-2 flags of PS3.4 B.3.1).
/// </summary>
/// <param name="SopClassUid">The SOP class the information applies to.</param>
/// <param name="ServiceClassApplicationInformation">The opaque bytes defined by the service class.</param>
public sealed record SopClassExtendedNegotiation(string SopClassUid, byte[] ServiceClassApplicationInformation)
{
    internal int ValueLength => 2 + SopClassUid.Length + ServiceClassApplicationInformation.Length;

    internal void WriteValue(ref PduSpanWriter w)
    {
        w.WriteUInt16(SopClassUid.Length);
        w.WriteAscii(SopClassUid);
        w.WriteBytes(ServiceClassApplicationInformation);
    }

    internal static SopClassExtendedNegotiation Read(PduSpanReader r)
    {
        var uidLength = r.ReadUInt16("extended negotiation UID length");
        var uid = r.ReadAscii(uidLength, "extended negotiation SOP class UID");
        var info = r.ReadBytes(r.Remaining, "service class application information").ToArray();
        return new(uid, info);
    }
}
