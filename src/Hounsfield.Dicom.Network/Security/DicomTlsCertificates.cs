using System.Security.Cryptography.X509Certificates;

namespace Hounsfield.Dicom.Network.Security;

/// <summary>Loads certificates and trust stores from PEM and PKCS#12 files.</summary>
public static class DicomTlsCertificates
{
    /// <summary>
    /// Loads a certificate and its private key from PEM files; <paramref name="certificatePath"/> may
    /// hold the issuing chain after the leaf, which is returned in <paramref name="chain"/>.
    /// </summary>
    public static X509Certificate2 LoadPem(string certificatePath, string keyPath, out X509Certificate2Collection chain, string? keyPassword = null)
    {
        var leaf = keyPassword is null
            ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, keyPassword, keyPath);
        chain = [];
        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(certificatePath);
        foreach (var c in all)
        {
            if (c.Thumbprint != leaf.Thumbprint) chain.Add(c);
        }
        return leaf;
    }

    /// <summary>Loads a certificate and private key from PEM files, ignoring any chain.</summary>
    public static X509Certificate2 LoadPem(string certificatePath, string keyPath, string? keyPassword = null) =>
        LoadPem(certificatePath, keyPath, out _, keyPassword);

    /// <summary>Loads a certificate with its private key from a PKCS#12 (.p12/.pfx) file.</summary>
    public static X509Certificate2 LoadPkcs12(string path, string? password) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, password);

    /// <summary>
    /// Loads trusted CA certificates from a PEM bundle file, or from every .pem/.crt/.cer file of a
    /// folder (PEM or DER).
    /// </summary>
    public static X509Certificate2Collection LoadTrustStore(string fileOrFolder)
    {
        var store = new X509Certificate2Collection();
        if (Directory.Exists(fileOrFolder))
        {
            foreach (var file in Directory.EnumerateFiles(fileOrFolder))
            {
                var ext = Path.GetExtension(file).ToLowerInvariant();
                if (ext is ".pem" or ".crt" or ".cer") AddFile(store, file);
            }
        }
        else if (File.Exists(fileOrFolder))
        {
            AddFile(store, fileOrFolder);
        }
        else
        {
            throw new FileNotFoundException($"trusted certificate file or folder {fileOrFolder} does not exist", fileOrFolder);
        }
        if (store.Count == 0) throw new ArgumentException($"no certificate found in {fileOrFolder}", nameof(fileOrFolder));
        return store;
    }

    private static void AddFile(X509Certificate2Collection store, string file)
    {
        var text = File.ReadAllText(file);
        if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            store.ImportFromPem(text);
        }
        else
        {
            store.Add(X509CertificateLoader.LoadCertificateFromFile(file));
        }
    }
}
