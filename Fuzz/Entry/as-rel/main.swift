import FuzzDriver

FuzzDriver.run(.asRel)
