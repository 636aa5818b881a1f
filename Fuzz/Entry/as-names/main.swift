import FuzzDriver

FuzzDriver.run(.asNames)
