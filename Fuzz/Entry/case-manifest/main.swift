import FuzzDriver

FuzzDriver.run(.caseManifest)
