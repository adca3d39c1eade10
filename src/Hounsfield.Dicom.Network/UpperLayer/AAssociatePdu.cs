namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// What A-ASSOCIATE-RQ and A-ASSOCIATE-AC share (PS3.8 Tables 9-11 and 9-17): protocol version,
/// the two AE titles, the application context and the user information.
/// </summary>
public abstract class AAssociatePdu : Pdu
{
    /// <summary>Length of the fixed fields before the variable items.</summary>
    internal const int FixedLength = 68;

    /// <summary>The only protocol version there is (bit 0 set, PS3.8 §9.3.2).</summary>
    public const ushort CurrentProtocolVersion = 1;

    /// <summary>Protocol-version: one bit per supported version; version 1 is bit 0.</summary>
    public ushort ProtocolVersion { get; set; } = CurrentProtocolVersion;

    /// <summary>Called AE title (up to 16 characters, no padding).</summary>
    public string CalledAETitle { get; set; } = "";

    /// <summary>Calling AE title (up to 16 characters, no padding).</summary>
    public string CallingAETitle { get; set; } = "";

    /// <summary>Application context name (PS3.7 Annex A.2): the DICOM application context.</summary>
    public string ApplicationContextName { get; set; } = DicomUid.DICOMApplicationContext.Value;

    /// <summary>User Information item.</summary>
    public UserInformation UserInformation { get; set; } = new();

    private protected abstract int PresentationContextsLength { get; }

    private protected abstract void WritePresentationContexts(ref PduSpanWriter w);

    internal override int BodyLength =>
        FixedLength + 4 + ApplicationContextName.Length + PresentationContextsLength + 4 + UserInformation.ValueLength;

    internal override void WriteBody(ref PduSpanWriter w)
    {
        w.WriteUInt16(ProtocolVersion);
        w.WriteZeros(2);
        w.WriteAETitle(CalledAETitle);
        w.WriteAETitle(CallingAETitle);
        w.WriteZeros(32);
        w.WriteItemHeader(ItemType.ApplicationContext, ApplicationContextName.Length);
        w.WriteAscii(ApplicationContextName);
        WritePresentationContexts(ref w);
        UserInformation.Write(ref w);
    }

    /// <summary>
    /// Reads the body of either PDU. <paramref name="onPresentationContext"/> handles the item type
    /// that belongs to this PDU (0x20 for RQ, 0x21 for AC); any other unknown item is an error.
    /// </summary>
    private protected void ReadBody(PduSpanReader r, ItemType contextItemType, PresentationContextReader onPresentationContext)
    {
        if (r.Remaining < FixedLength)
        {
            throw new PduFormatException(
                $"{Type.ToStandardName()} body is {r.Remaining} bytes, shorter than its {FixedLength} bytes of fixed fields",
                AbortReason.InvalidPduParameterValue, r.Offset);
        }
        ProtocolVersion = r.ReadUInt16("protocol version");
        r.Skip(2, "reserved");
        CalledAETitle = r.ReadAETitle("called AE title");
        CallingAETitle = r.ReadAETitle("calling AE title");
        r.Skip(32, "reserved");
        var sawContext = false;
        var sawUserInfo = false;
        while (!r.IsEmpty)
        {
            var start = r.Offset;
            var type = (ItemType)r.ReadByte("item type");
            r.ReadByte("item reserved");
            var length = r.ReadUInt16("item length");
            var item = r.ReadItem(length, $"item 0x{(byte)type:X2}");
            if (type == ItemType.ApplicationContext && !sawContext)
            {
                ApplicationContextName = item.ReadAscii(length, "application context name");
                sawContext = true;
            }
            else if (type == contextItemType)
            {
                onPresentationContext(item);
            }
            else if (type == ItemType.UserInformation && !sawUserInfo)
            {
                UserInformation = UserInformation.Read(item);
                sawUserInfo = true;
            }
            else if (type is ItemType.ApplicationContext or ItemType.UserInformation)
            {
                throw new PduFormatException(
                    $"{Type.ToStandardName()} has a second item of type 0x{(byte)type:X2}", AbortReason.UnexpectedPduParameter, start);
            }
            else
            {
                throw new PduFormatException(
                    $"{Type.ToStandardName()} has an item of unknown or misplaced type 0x{(byte)type:X2}",
                    AbortReason.UnrecognizedPduParameter, start);
            }
        }
        if (!sawContext)
        {
            throw new PduFormatException($"{Type.ToStandardName()} has no application context item", AbortReason.InvalidPduParameterValue);
        }
        if (!sawUserInfo)
        {
            throw new PduFormatException($"{Type.ToStandardName()} has no user information item", AbortReason.InvalidPduParameterValue);
        }
    }

    private protected delegate void PresentationContextReader(PduSpanReader item);
}
