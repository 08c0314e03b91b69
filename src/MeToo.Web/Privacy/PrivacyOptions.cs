using Microsoft.Extensions.Options;

namespace MeToo.Web.Privacy;

public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// Fewer published stories than this sharing a country, a year and a setting, and the preview
    /// warns that the combination could single the author out (privacy rule 15).
    /// </summary>
    public int SmallGroupThreshold { get; set; } = 10;

    /// <summary>The one rule for small groups at <see cref="SmallGroupThreshold"/>, for every page and export that counts.</summary>
    public SmallGroups SmallGroups => new(SmallGroupThreshold);

    /// <summary>How long backups are kept, as told to authors before they share.</summary>
    public int BackupRetentionDays { get; set; } = 30;

    /// <summary>
    /// The secret under which receipts are hashed (privacy rules 7 and 13): base64, at least 32
    /// bytes, from configuration — never from the database. Development generates one (<see cref="ReceiptPepper"/>).
    /// </summary>
    public string? ReceiptPepper { get; set; }

    /// <summary>Checks the pepper at start-up (<c>ValidateOnStart</c>), so a missing one stops the app with one clear line.</summary>
    public sealed class Validator : IValidateOptions<PrivacyOptions>
    {
        public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (string.IsNullOrWhiteSpace(options.ReceiptPepper))
            {
                return ValidateOptionsResult.Fail("Privacy:ReceiptPepper is not set. Generate one with `openssl rand -base64 32` and set it as the environment variable Privacy__ReceiptPepper; keep it out of database backups (losing it makes every receipt useless).");
            }

            return Privacy.ReceiptPepper.TryDecode(options.ReceiptPepper, out _)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Privacy:ReceiptPepper must be base64 of at least 32 random bytes (`openssl rand -base64 32`).");
        }
    }
}
