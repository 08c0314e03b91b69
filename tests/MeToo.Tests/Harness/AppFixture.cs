namespace MeToo.Tests.Harness;

/// <summary>One app and one SQLite file per test class (xunit class fixture).</summary>
public sealed class AppFixture : MeTooFactory;
