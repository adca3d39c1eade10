namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// SCP/SCU Role Selection sub-item (0x54, PS3.7 D.3.3.4). In a request: the roles the requestor
/// proposes to play for the SOP class; in an accept: the roles the acceptor agrees to. Without it
/// the requestor is SCU and the acceptor SCP.
/// </summary>
/// <param name="SopClassUid">The SOP class (abstract syntax) the roles apply to.</param>
/// <param name="ScuRole">True when the association-requestor may act as SCU.</param>
/// <param name="ScpRole">True when the association-requestor may act as SCP.</param>
public sealed record ScpScuRoleSelection(string SopClassUid, bool ScuRole, bool ScpRole)
{
    internal int ValueLength => 2 + SopClassUid.Length + 2;

    internal void WriteValue(ref PduSpanWriter w)
    {
        w.WriteUInt16(SopClassUid.Length);
        w.WriteAscii(SopClassUid);
        w.WriteByte(ScuRole ? (byte)1 : (byte)0);
        w.WriteByte(ScpRole ? (byte)1 : (byte)0);
    }

    internal static ScpScuRoleSelection Read(PduSpanReader r)
    {
        var uidLength = r.ReadUInt16("role selection UID length");
        var uid = r.ReadAscii(uidLength, "role selection SOP class UID");
        var scu = r.ReadByte("SCU role") != 0;
        var scp = r.ReadByte("SCP role") != 0;
        if (!r.IsEmpty)
        {
            throw new PduFormatException(
                $"SCP/SCU Role Selection sub-item has {r.Remaining} bytes after its fields",
                AbortReason.InvalidPduParameterValue, r.Offset);
        }
        return new(uid, scu, scp);
    }
}
