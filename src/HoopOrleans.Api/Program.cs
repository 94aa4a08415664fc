using HoopOrleans.Api;
using HoopOrleans.Api.Security;

await using var app = ApiApplication.Create(args);
try
{
    await app.StartAsync();
}
catch (ListenRefusedException refused)
{
    // Already logged as critical; said once more where an operator starting it by hand looks.
    await app.StopAsync();
    await Console.Error.WriteLineAsync(refused.Message);
    return 1;
}

await app.WaitForShutdownAsync();
return 0;
