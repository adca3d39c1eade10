namespace Hounsfield.Dicom.Network;

/// <summary>
/// The actions of the DICOM upper layer protocol machine (PS3.8 §9.2.2, Tables 9-6 to 9-9), named
/// exactly as in the standard so each transition can be checked against Table 9-10.
/// </summary>
public enum UpperLayerAction
{
    /// <summary>The event is not applicable in the current state (an empty cell of Table 9-10).</summary>
    None = 0,

    /// <summary>AE-1: issue TRANSPORT CONNECT request; next Sta4.</summary>
    AE1,

    /// <summary>AE-2: send A-ASSOCIATE-RQ PDU; next Sta5.</summary>
    AE2,

    /// <summary>AE-3: issue A-ASSOCIATE confirmation (accept); next Sta6.</summary>
    AE3,

    /// <summary>AE-4: issue A-ASSOCIATE confirmation (reject), close transport; next Sta1.</summary>
    AE4,

    /// <summary>AE-5: issue transport connection response, start ARTIM; next Sta2.</summary>
    AE5,

    /// <summary>AE-6: stop ARTIM; if acceptable issue A-ASSOCIATE indication (Sta3), else send A-ASSOCIATE-RJ and start ARTIM (Sta13).</summary>
    AE6,

    /// <summary>AE-7: send A-ASSOCIATE-AC PDU; next Sta6.</summary>
    AE7,

    /// <summary>AE-8: send A-ASSOCIATE-RJ PDU and start ARTIM; next Sta13.</summary>
    AE8,

    /// <summary>DT-1: send P-DATA-TF PDU; next Sta6.</summary>
    DT1,

    /// <summary>DT-2: send P-DATA indication; next Sta6.</summary>
    DT2,

    /// <summary>AR-1: send A-RELEASE-RQ PDU; next Sta7.</summary>
    AR1,

    /// <summary>AR-2: issue A-RELEASE indication; next Sta8.</summary>
    AR2,

    /// <summary>AR-3: issue A-RELEASE confirmation, close transport; next Sta1.</summary>
    AR3,

    /// <summary>AR-4: send A-RELEASE-RP PDU and start ARTIM; next Sta13.</summary>
    AR4,

    /// <summary>AR-5: stop ARTIM; next Sta1.</summary>
    AR5,

    /// <summary>AR-6: issue P-DATA indication; next Sta7.</summary>
    AR6,

    /// <summary>AR-7: send P-DATA-TF PDU; next Sta8.</summary>
    AR7,

    /// <summary>AR-8: issue A-RELEASE indication (release collision); next Sta9 for the requestor, Sta10 for the acceptor.</summary>
    AR8,

    /// <summary>AR-9: send A-RELEASE-RP PDU; next Sta11.</summary>
    AR9,

    /// <summary>AR-10: issue A-RELEASE confirmation; next Sta12.</summary>
    AR10,

    /// <summary>AA-1: send A-ABORT PDU (service-user source), start or restart ARTIM; next Sta13.</summary>
    AA1,

    /// <summary>AA-2: stop ARTIM if running, close transport; next Sta1.</summary>
    AA2,

    /// <summary>AA-3: issue A-ABORT or A-P-ABORT indication, close transport; next Sta1.</summary>
    AA3,

    /// <summary>AA-4: issue A-P-ABORT indication; next Sta1.</summary>
    AA4,

    /// <summary>AA-5: stop ARTIM; next Sta1.</summary>
    AA5,

    /// <summary>AA-6: ignore PDU; next Sta13.</summary>
    AA6,

    /// <summary>AA-7: send A-ABORT PDU; next Sta13.</summary>
    AA7,

    /// <summary>AA-8: send A-ABORT PDU (service-provider source), issue A-P-ABORT indication, start ARTIM; next Sta13.</summary>
    AA8,
}
