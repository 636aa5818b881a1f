import FuzzDriver

FuzzDriver.run(.delegated)
