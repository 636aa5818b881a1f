import FuzzDriver

FuzzDriver.run(.tor)
