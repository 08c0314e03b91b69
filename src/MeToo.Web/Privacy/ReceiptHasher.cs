using System.Security.Cryptography;
using System.Text;

namespace MeToo.Web.Privacy;

/// <summary>
/// Hashes receipts as HMAC-SHA256 under the pepper from configuration. Without the pepper, a stolen
/// database cannot be used to test guessed receipts.
/// </summary>
public sealed class ReceiptHasher
{
    private readonly byte[] _pepper;

    public ReceiptHasher(byte[] pepper)
    {
        ArgumentNullException.ThrowIfNull(pepper);
        if (pepper.Length < 32)
        {
            throw new ArgumentException("The receipt pepper must be at least 32 bytes.", nameof(pepper));
        }

        _pepper = pepper;
    }

    public byte[] Hash(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return HMACSHA256.HashData(_pepper, Encoding.ASCII.GetBytes(receipt.Canonical));
    }
}
