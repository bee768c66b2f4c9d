package org.bonafide.document;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Chip verification settings, under {@code bonafide.documents.chip} ({@code docs/chip.md}). */
@ConfigurationProperties("bonafide.documents.chip")
class ChipProperties {
  /** A folder of trusted CSCA certificates (PEM or DER); unset: none. */
  private Path cscaFolder;

  /** ICAO CSCA master list files whose certificates are trusted. */
  private List<Path> masterLists = new ArrayList<>();

  public Path getCscaFolder() {
    return cscaFolder;
  }

  public void setCscaFolder(Path cscaFolder) {
    this.cscaFolder = cscaFolder;
  }

  public List<Path> getMasterLists() {
    return masterLists;
  }

  public void setMasterLists(List<Path> masterLists) {
    this.masterLists = masterLists == null ? new ArrayList<>() : masterLists;
  }
}
