namespace Hounsfield.Archive.Coercion;

/// <summary>
/// Changes the Storage SCP makes to a received instance before it is stored (PS3.4 B.4.1.3): each
/// is off unless configured, and an instance changed by any is stored as changed and answered
/// B000H (Coercion of Data Elements).
/// </summary>
public sealed class CoercionOptions
{
    /// <summary>Native Pixel Data with VR OW and Bits Allocated 8 is stored as OB (Carestream's rule).</summary>
    public bool PixelDataOWToOB { get; set; }

    /// <summary>
    /// An empty Patient ID is generated (Philips' rule): a new UID when Patient's Name or Birth Date
    /// is empty, else <c>EMPTYPatientID_&lt;name&gt;_&lt;birth date&gt;</c>; every instance of a study gets the same one.
    /// </summary>
    public bool GeneratePatientId { get; set; }

    /// <summary>
    /// A Patient ID already stored with another Patient's Name or Birth Date becomes
    /// <c>&lt;ID&gt;!&lt;UID&gt;</c>, the original going to Other Patient IDs (Philips' rule).
    /// </summary>
    public bool ResolvePatientIdCollisions { get; set; }

    /// <summary>What happens to the text of a data set in another character set: kept as received (default) or converted to UTF-8.</summary>
    public CharacterSetCoercion SpecificCharacterSet { get; set; } = CharacterSetCoercion.AsReceived;
}
