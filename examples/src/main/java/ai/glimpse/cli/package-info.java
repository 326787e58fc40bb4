/** The {@code glimpse} command-line application: one class per subcommand, each a thin layer over the API. */
package ai.glimpse.cli;
