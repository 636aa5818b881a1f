import FuzzDriver

FuzzDriver.run(.pfx2as)
