using System.Security.Cryptography;
using System.Text;

namespace MeToo.Web.Privacy;

/// <summary>
/// Hashes receipts as HMAC-SHA256 under the pepper from configuration (and erased stories' public
/// ids, for their tombstones, under a key derived from it). Without the pepper, a stolen
/// database cannot be used to test guessed receipts.
/// </summary>
public sealed class ReceiptHasher
{
    private readonly byte[] _pepper;
    private readonly byte[] _tombstoneKey;

    public ReceiptHasher(byte[] pepper)
    {
        ArgumentNullException.ThrowIfNull(pepper);
        if (pepper.Length < 32)
        {
            throw new ArgumentException("The receipt pepper must be at least 32 bytes.", nameof(pepper));
        }

        _pepper = pepper;
        _tombstoneKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, pepper, 32, info: Encoding.ASCII.GetBytes("MeToo tombstones v1"));
    }

    public byte[] Hash(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return HMACSHA256.HashData(_pepper, Encoding.ASCII.GetBytes(receipt.Canonical));
    }

    /// <summary>
    /// The keyed hash a story's <see cref="Domain.Tombstone"/> keeps of its public id: under a key
    /// derived from the pepper (never the pepper itself), so it proves nothing about a receipt.
    /// </summary>
    public byte[] Tombstone(string publicId)
    {
        ArgumentNullException.ThrowIfNull(publicId);
        return HMACSHA256.HashData(_tombstoneKey, Encoding.ASCII.GetBytes(publicId));
    }
}
