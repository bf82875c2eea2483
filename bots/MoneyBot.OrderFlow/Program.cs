using MoneyBot.OrderFlow.Cli;

return await OrderFlowCli.RunAsync(args, Console.Out, Console.Error);
