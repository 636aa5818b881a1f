import FuzzDriver

FuzzDriver.run(.maxmind)
