namespace MeToo.Web.Infrastructure;

public static class SecurityHeaders
{
    /// <summary>
    /// The strict policy (docs/security.md): everything from our own origin, no inline script
    /// or style, no plugins, no framing, and a referrer that never leaves the site (rule 10).
    /// </summary>
    public static HeaderPolicyCollection Policy(bool isDevelopment)
    {
        var policy = new HeaderPolicyCollection()
            .AddFrameOptionsDeny()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicySameOrigin()
            .AddCrossOriginOpenerPolicy(b => b.SameOrigin())
            .AddCrossOriginResourcePolicy(b => b.SameOrigin())
            .RemoveServerHeader()
            .AddPermissionsPolicy(b =>
            {
                b.AddCamera().None();
                b.AddMicrophone().None();
                b.AddGeolocation().None();
                b.AddPayment().None();
                b.AddUsb().None();
                b.AddAccelerometer().None();
                b.AddGyroscope().None();
                b.AddMagnetometer().None();
            })
            .AddContentSecurityPolicy(b =>
            {
                b.AddDefaultSrc().Self();
                b.AddScriptSrc().Self();
                b.AddStyleSrc().Self();
                b.AddImgSrc().Self();
                b.AddFontSrc().Self();
                b.AddConnectSrc().Self();
                b.AddObjectSrc().None();
                b.AddBaseUri().None();
                b.AddFormAction().Self();
                b.AddFrameAncestors().None();
            });
        if (!isDevelopment)
        {
            policy.AddStrictTransportSecurityMaxAge(maxAgeInSeconds: 60 * 60 * 24 * 365);
        }

        return policy;
    }
}
