// Tests reach into every area's tables and services to check what the API did.
global using Boltly.Features.AccountSecurity;
global using Boltly.Features.ApiKeys;
global using Boltly.Features.Auth;
global using Boltly.Features.Contacts;
global using Boltly.Features.Inbox;
global using Boltly.Features.Passwords;
global using Boltly.Features.SecurityEvents;
global using Boltly.Features.Sessions;
global using Boltly.Features.SignIn;
global using Boltly.Features.TwoFactor;
global using Boltly.Features.Usage;
global using Boltly.Features.Webhooks;
global using Boltly.Platform.Accounts;
global using Boltly.Platform.Data;
global using Boltly.Platform.Email;
