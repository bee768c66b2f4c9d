package org.bonafide;

import org.bonafide.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the one deployable. With no arguments (or Spring options only) it starts the HTTP
 * service; with a command ({@code compare}, {@code eval ...}) it runs that command and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {
  public static void main(String[] args) {
    if (Cli.handles(args)) {
      System.exit(Cli.run(args, Application.class));
    }
    SpringApplication.run(Application.class, args);
  }
}
