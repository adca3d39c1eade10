namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// Item and sub-item types of the A-ASSOCIATE PDUs (PS3.8 §9.3.2–9.3.3, PS3.7 Annex D.3.3).
/// </summary>
public enum ItemType : byte
{
    /// <summary>Application Context Item (PS3.8 §9.3.2.1).</summary>
    ApplicationContext = 0x10,

    /// <summary>Presentation Context Item of an A-ASSOCIATE-RQ (PS3.8 §9.3.2.2).</summary>
    PresentationContextRq = 0x20,

    /// <summary>Presentation Context Item of an A-ASSOCIATE-AC (PS3.8 §9.3.3.2).</summary>
    PresentationContextAc = 0x21,

    /// <summary>Abstract Syntax Sub-Item (PS3.8 §9.3.2.2.1).</summary>
    AbstractSyntax = 0x30,

    /// <summary>Transfer Syntax Sub-Item (PS3.8 §9.3.2.2.2).</summary>
    TransferSyntax = 0x40,

    /// <summary>User Information Item (PS3.8 §9.3.2.3).</summary>
    UserInformation = 0x50,

    /// <summary>Maximum Length Sub-Item (PS3.8 Annex D.1).</summary>
    MaximumLength = 0x51,

    /// <summary>Implementation Class UID Sub-Item (PS3.7 D.3.3.2).</summary>
    ImplementationClassUid = 0x52,

    /// <summary>Asynchronous Operations Window Sub-Item (PS3.7 D.3.3.3).</summary>
    AsynchronousOperationsWindow = 0x53,

    /// <summary>SCP/SCU Role Selection Sub-Item (PS3.7 D.3.3.4).</summary>
    ScpScuRoleSelection = 0x54,

    /// <summary>Implementation Version Name Sub-Item (PS3.7 D.3.3.2).</summary>
    ImplementationVersionName = 0x55,

    /// <summary>SOP Class Extended Negotiation Sub-Item (PS3.7 D.3.3.5).</summary>
    SopClassExtendedNegotiation = 0x56,

    /// <summary>SOP Class Common Extended Negotiation Sub-Item (PS3.7 D.3.3.6).</summary>
    SopClassCommonExtendedNegotiation = 0x57,

    /// <summary>User Identity Sub-Item of an A-ASSOCIATE-RQ (PS3.7 D.3.3.7.1).</summary>
    UserIdentityRq = 0x58,

    /// <summary>User Identity Sub-Item of an A-ASSOCIATE-AC (PS3.7 D.3.3.7.2).</summary>
    UserIdentityAc = 0x59,
}
