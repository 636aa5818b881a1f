import FuzzDriver

FuzzDriver.run(.snapshot)
