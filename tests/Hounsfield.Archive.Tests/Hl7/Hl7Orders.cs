namespace Hounsfield.Archive.Tests.Hl7;

/// <summary>ORM^O01 messages for the tests, in the shape the IHE Scheduled Workflow profile gives them.</summary>
internal static class Hl7Orders
{
    public static string Orm(string control = "NW", string accession = "ACC1", string controlId = "MSG1", string patientName = "Doe^John^Q",
        string modality = "CT", string start = "202401150930", string charset = "", string pid3 = "P1^^^HOSP", string orderStatus = "") =>
        $"MSH|^~\\&|RIS|HOSP|PACS|HOSP|20240115080000||ORM^O01|{controlId}|P|2.3.1||||||{charset}\r" +
        $"PID|1||{pid3}||{patientName}||19700203|M\r" +
        "PV1|1|O|RAD^R12^B3|||||1234^Referrer^Rita^^^Dr|||||||||||V789\r" +
        $"ORC|{control}|PL1|FL1||{orderStatus}||^^^{start}^^S|||||9876^Orderer^Otto\r" +
        $"OBR|1|PL1|FL1|CTCHEST^CT Chest^LOCAL^P1^Chest protocol^LOCAL|||||||||Pregnant|||||{accession}|RP1|SPS1|CT_AE1|||{modality}||||||Stretcher|Cough|||T1&Tech&Tina\r" +
        "AL1|1||^Penicillin\r";
}
