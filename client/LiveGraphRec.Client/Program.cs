using LiveGraphRec.Client;

return CommandLine.Build().Run(CommandLine.NormalizeArguments(args));
