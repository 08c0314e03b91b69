using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Staff;

/// <summary>A demo admin and moderator for Development; their passwords are printed once, at start-up.</summary>
public sealed class DemoStaff(UserManager<StaffUser> users, IOptions<DatabaseOptions> options)
{
    public async Task SeedAsync()
    {
        if (!options.Value.SeedDemoData)
        {
            return;
        }

        foreach (var (name, role) in new[] { ("demo-admin", StaffRoles.Admin), ("demo-moderator", StaffRoles.Moderator) })
        {
            if (await users.FindByNameAsync(name) is not null)
            {
                continue;
            }

            var password = StaffAdministration.OneTimePassword();
            var user = new StaffUser { UserName = name, Email = $"{name}@example.invalid" };
            if ((await users.CreateAsync(user, password)).Succeeded)
            {
                await users.AddToRoleAsync(user, role);
                Console.WriteLine($"Development {role.ToLowerInvariant()}: user name {name}, password {password} (shown once)");
            }
        }
    }
}
