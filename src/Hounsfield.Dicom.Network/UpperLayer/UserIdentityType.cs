namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>User-Identity-Type of the User Identity sub-item (PS3.7 Table D.3-14).</summary>
public enum UserIdentityType : byte
{
    /// <summary>Username as a UTF-8 string.</summary>
    Username = 1,

    /// <summary>Username (primary field) and passcode (secondary field), both UTF-8.</summary>
    UsernameAndPasscode = 2,

    /// <summary>Kerberos service ticket.</summary>
    Kerberos = 3,

    /// <summary>SAML assertion.</summary>
    Saml = 4,

    /// <summary>JSON Web Token.</summary>
    Jwt = 5,
}
