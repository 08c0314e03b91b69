namespace MeToo.Web;

/// <summary>
/// Marker for the shared resource file <c>Resources/SharedResource.resx</c>. Interface text uses its
/// English wording as the key (the ASP.NET Core localization convention); taxonomy labels use
/// stable keys such as <c>Setting.workplace</c>.
/// </summary>
public sealed class SharedResource;
