namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// User Information item (0x50, PS3.8 §9.3.2.3 and Annex D, PS3.7 Annex D.3.3) and its sub-items.
/// Unknown sub-item types are skipped when reading, as PS3.7 D.3.3 allows.
/// </summary>
public sealed class UserInformation
{
    /// <summary>
    /// Maximum Length Received (0x51, PS3.8 D.1): the largest P-DATA-TF variable field the sender of
    /// this item can receive; 0 means no maximum.
    /// </summary>
    public uint MaximumLength { get; set; }

    /// <summary>True when a Maximum Length sub-item was present (or is to be written).</summary>
    public bool HasMaximumLength { get; set; } = true;

    /// <summary>Implementation Class UID (0x52).</summary>
    public string? ImplementationClassUid { get; set; }

    /// <summary>Implementation Version Name (0x55), at most 16 characters.</summary>
    public string? ImplementationVersionName { get; set; }

    /// <summary>Asynchronous Operations Window (0x53), or null when absent (synchronous).</summary>
    public AsynchronousOperationsWindow? AsynchronousOperationsWindow { get; set; }

    /// <summary>SCP/SCU Role Selection sub-items (0x54), one per SOP class.</summary>
    public List<ScpScuRoleSelection> RoleSelections { get; } = [];

    /// <summary>SOP Class Extended Negotiation sub-items (0x56).</summary>
    public List<SopClassExtendedNegotiation> ExtendedNegotiations { get; } = [];

    /// <summary>SOP Class Common Extended Negotiation sub-items (0x57), request only.</summary>
    public List<SopClassCommonExtendedNegotiation> CommonExtendedNegotiations { get; } = [];

    /// <summary>User Identity (0x58), request only.</summary>
    public UserIdentityNegotiation? UserIdentity { get; set; }

    /// <summary>User Identity server response (0x59), accept only.</summary>
    public UserIdentityServerResponse? UserIdentityResponse { get; set; }

    /// <summary>Length of the item's value (its sub-items), without the 4-byte item header.</summary>
    internal int ValueLength
    {
        get
        {
            var n = 0;
            if (HasMaximumLength) n += 4 + 4;
            if (ImplementationClassUid is not null) n += 4 + ImplementationClassUid.Length;
            if (AsynchronousOperationsWindow is not null) n += 4 + UpperLayer.AsynchronousOperationsWindow.ValueLength;
            foreach (var r in RoleSelections) n += 4 + r.ValueLength;
            if (ImplementationVersionName is not null) n += 4 + ImplementationVersionName.Length;
            foreach (var e in ExtendedNegotiations) n += 4 + e.ValueLength;
            foreach (var c in CommonExtendedNegotiations) n += 4 + c.ValueLength;
            if (UserIdentity is not null) n += 4 + UserIdentity.ValueLength;
            if (UserIdentityResponse is not null) n += 4 + UserIdentityResponse.ValueLength;
            return n;
        }
    }

    /// <summary>Writes the whole item, header included. Sub-items go in ascending type order.</summary>
    internal void Write(ref PduSpanWriter w)
    {
        w.WriteItemHeader(ItemType.UserInformation, ValueLength);
        if (HasMaximumLength)
        {
            w.WriteItemHeader(ItemType.MaximumLength, 4);
            w.WriteUInt32(MaximumLength);
        }
        if (ImplementationClassUid is not null)
        {
            w.WriteItemHeader(ItemType.ImplementationClassUid, ImplementationClassUid.Length);
            w.WriteAscii(ImplementationClassUid);
        }
        if (AsynchronousOperationsWindow is not null)
        {
            w.WriteItemHeader(ItemType.AsynchronousOperationsWindow, UpperLayer.AsynchronousOperationsWindow.ValueLength);
            AsynchronousOperationsWindow.WriteValue(ref w);
        }
        foreach (var r in RoleSelections)
        {
            w.WriteItemHeader(ItemType.ScpScuRoleSelection, r.ValueLength);
            r.WriteValue(ref w);
        }
        if (ImplementationVersionName is not null)
        {
            w.WriteItemHeader(ItemType.ImplementationVersionName, ImplementationVersionName.Length);
            w.WriteAscii(ImplementationVersionName);
        }
        foreach (var e in ExtendedNegotiations)
        {
            w.WriteItemHeader(ItemType.SopClassExtendedNegotiation, e.ValueLength);
            e.WriteValue(ref w);
        }
        foreach (var c in CommonExtendedNegotiations)
        {
            w.WriteItemHeader(ItemType.SopClassCommonExtendedNegotiation, c.ValueLength, SopClassCommonExtendedNegotiation.SubItemVersion);
            c.WriteValue(ref w);
        }
        if (UserIdentity is not null)
        {
            w.WriteItemHeader(ItemType.UserIdentityRq, UserIdentity.ValueLength);
            UserIdentity.WriteValue(ref w);
        }
        if (UserIdentityResponse is not null)
        {
            w.WriteItemHeader(ItemType.UserIdentityAc, UserIdentityResponse.ValueLength);
            UserIdentityResponse.WriteValue(ref w);
        }
    }

    /// <summary>Reads the item's value (the bytes after its 4-byte header).</summary>
    internal static UserInformation Read(PduSpanReader r)
    {
        var info = new UserInformation { HasMaximumLength = false };
        while (!r.IsEmpty)
        {
            var type = (ItemType)r.ReadByte("user information sub-item type");
            r.ReadByte("sub-item reserved/version");
            var length = r.ReadUInt16("user information sub-item length");
            var sub = r.ReadItem(length, $"user information sub-item 0x{(byte)type:X2}");
            switch (type)
            {
                case ItemType.MaximumLength:
                    if (length != 4)
                    {
                        throw new PduFormatException(
                            $"Maximum Length sub-item length is {length}, must be 4",
                            AbortReason.InvalidPduParameterValue, sub.Offset);
                    }
                    info.MaximumLength = sub.ReadUInt32("maximum length received");
                    info.HasMaximumLength = true;
                    break;
                case ItemType.ImplementationClassUid:
                    info.ImplementationClassUid = sub.ReadAscii(length, "implementation class UID");
                    break;
                case ItemType.ImplementationVersionName:
                    info.ImplementationVersionName = sub.ReadAscii(length, "implementation version name");
                    break;
                case ItemType.AsynchronousOperationsWindow:
                    info.AsynchronousOperationsWindow = UpperLayer.AsynchronousOperationsWindow.Read(sub);
                    break;
                case ItemType.ScpScuRoleSelection:
                    info.RoleSelections.Add(ScpScuRoleSelection.Read(sub));
                    break;
                case ItemType.SopClassExtendedNegotiation:
                    info.ExtendedNegotiations.Add(SopClassExtendedNegotiation.Read(sub));
                    break;
                case ItemType.SopClassCommonExtendedNegotiation:
                    info.CommonExtendedNegotiations.Add(SopClassCommonExtendedNegotiation.Read(sub));
                    break;
                case ItemType.UserIdentityRq:
                    info.UserIdentity = UserIdentityNegotiation.Read(sub);
                    break;
                case ItemType.UserIdentityAc:
                    info.UserIdentityResponse = UserIdentityServerResponse.Read(sub);
                    break;
                default:
                    // PS3.7 D.3.3: sub-items this implementation does not know are ignored.
                    break;
            }
        }
        return info;
    }
}
