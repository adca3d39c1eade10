namespace Hounsfield.Dicom;

/// <summary>The kinds of UID in the PS3.6 Annex A registry.</summary>
public enum DicomUidType
{
    /// <summary>Not in the registry.</summary>
    Unknown,
    /// <summary>Transfer Syntax.</summary>
    TransferSyntax,
    /// <summary>SOP Class.</summary>
    SopClass,
    /// <summary>Meta SOP Class.</summary>
    MetaSopClass,
    /// <summary>Service Class.</summary>
    ServiceClass,
    /// <summary>Well-known SOP Instance, including printers and print queues.</summary>
    WellKnownSopInstance,
    /// <summary>Well-known Frame of Reference, including synchronization frames.</summary>
    WellKnownFrameOfReference,
    /// <summary>Coding Scheme, including DICOM UIDs as a Coding Scheme.</summary>
    CodingScheme,
    /// <summary>Application Context Name.</summary>
    ApplicationContextName,
    /// <summary>LDAP OID.</summary>
    LdapOid,
    /// <summary>Application Hosting Model.</summary>
    ApplicationHostingModel,
    /// <summary>Mapping Resource.</summary>
    MappingResource,
}
