using MoneyBot.Dashboard.Cli;

return await DashboardCli.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
