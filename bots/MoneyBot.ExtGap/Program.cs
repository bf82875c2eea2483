using MoneyBot.ExtGap.Cli;

return await ExtGapCli.RunAsync(args, Console.Out, Console.Error);
