namespace Hounsfield.Dicom.Network;

/// <summary>The role an application entity plays for a SOP class (PS3.7 D.3.3.4).</summary>
public enum DicomRole
{
    /// <summary>Service class user: invokes operations.</summary>
    Scu,

    /// <summary>Service class provider: performs operations.</summary>
    Scp,
}
