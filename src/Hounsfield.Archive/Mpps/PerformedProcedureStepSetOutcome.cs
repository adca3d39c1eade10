namespace Hounsfield.Archive.Mpps;

/// <summary>What an N-SET did to the stored step.</summary>
public enum PerformedProcedureStepSetOutcome
{
    /// <summary>The modifications were applied and committed.</summary>
    Updated,
    /// <summary>No step has that SOP Instance UID (0112H).</summary>
    NoSuchInstance,
    /// <summary>The step is COMPLETED or DISCONTINUED (0110H, PS3.4 F.7.2.2.3).</summary>
    NoLongerUpdatable,
    /// <summary>The N-SET's Specific Character Set cannot be combined with the step's (0106H).</summary>
    CharacterSetConflict,
}
